using System.Globalization;

namespace Longhaul.Config.Import;

/// <summary>-a, -e and -d: real servers, their forwarding method, weight, thresholds and tunnel options.</summary>
internal sealed partial class IpvsadmSession
{
    private static readonly string[] s_checksumModes = ["nocsum", "csum", "remcsum"];

    private void AddOrEditReal(IpvsadmInvocation invocation, bool edit)
    {
        int line = invocation.Line;
        if (!TryFindRealTarget(invocation, out IpvsadmPendingService? pending, out string realKey, out HostPort address))
        {
            return;
        }

        bool exists = pending.Reals.TryGetValue(realKey, out var previous);
        if (edit && !exists)
        {
            notes.AddError(file, line, invocation.CommandText, $"real {realKey} was never added to {pending.Display} (ipvsadm: 'No such destination')");
            return;
        }

        if (!edit && exists)
        {
            notes.AddError(file, line, invocation.CommandText, $"real {realKey} is already in {pending.Display} (line {previous.Line}; ipvsadm -R stops here: 'Destination already exists')");
            return;
        }

        ImportedReal? real = BuildReal(invocation, pending, realKey, address);
        int index = previous.Real is { } old && pending.Service is { } owner ? owner.Reals.IndexOf(old) : -1;
        if (index >= 0)
        {
            pending.Service!.Reals.RemoveAt(index);
        }

        if (real is not null)
        {
            // An edited real keeps its place: the order of the reals is the order IPVS schedules them in.
            pending.Service!.Reals.Insert(index >= 0 ? index : pending.Service.Reals.Count, real);
        }

        pending.Reals[realKey] = (exists ? previous.Line : line, real);
    }

    private void DeleteReal(IpvsadmInvocation invocation)
    {
        if (!TryFindRealTarget(invocation, out IpvsadmPendingService? pending, out string realKey, out _))
        {
            return;
        }

        if (!pending.Reals.Remove(realKey, out var removed))
        {
            notes.AddError(file, invocation.Line, invocation.CommandText, $"real {realKey} was never added to {pending.Display} (ipvsadm: 'No such destination')");
            return;
        }

        if (removed.Real is not null)
        {
            pending.Service!.Reals.Remove(removed.Real);
        }
    }

    private bool TryFindRealTarget(IpvsadmInvocation invocation, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IpvsadmPendingService? pending, out string realKey, out HostPort address)
    {
        pending = null;
        realKey = string.Empty;
        address = default;
        if (!TryResolveService(invocation, out string key, out string display, out _, out _))
        {
            return false;
        }

        if (!_services.TryGetValue(key, out pending))
        {
            notes.AddError(file, invocation.Line, invocation.CommandText, $"{display} was never added; add it with -A first (ipvsadm: 'Service not defined')");
            return false;
        }

        if (invocation.Value("real-server") is not { } server)
        {
            notes.AddError(file, invocation.Line, invocation.CommandText, "needs the real server (-r ADDRESS[:PORT])");
            return false;
        }

        address = HostPort.Parse(server);
        if (address.Kind == HostPortKind.Invalid)
        {
            notes.AddError(file, invocation.Line, "-r", $"'{server}' is not an address[:port] (IPv6 in brackets: [2001:db8::1]:80)");
            return false;
        }

        // A real is one per address: tunnels and DR do not rewrite the port, so two ports of one address are one server.
        realKey = address.Kind == HostPortKind.Numeric ? address.Address.ToString() : server;
        return true;
    }

    /// <summary>The real to import, or null (listed) when it cannot be.</summary>
    private ImportedReal? BuildReal(IpvsadmInvocation invocation, IpvsadmPendingService pending, string realKey, HostPort address)
    {
        int line = invocation.Line;
        string server = invocation.Value("real-server")!;
        ImportedService? service = pending.Service;
        if (service is null)
        {
            notes.AddUnmapped(file, line, $"real {server} of {pending.Display}: its service is not imported");
            return null;
        }

        if (address.Kind == HostPortKind.Name)
        {
            notes.AddUnmapped(file, line, $"real {server} of {service.Describe()}: a host or service name, not an address: re-run ipvsadm -S -n (numeric) and import that", service.Comments);
            return null;
        }

        int methods = (invocation.Has("gatewaying") ? 1 : 0) + (invocation.Has("ipip") ? 1 : 0) + (invocation.Has("masquerading") ? 1 : 0);
        if (methods > 1)
        {
            notes.AddError(file, line, invocation.CommandText, "only one of -g, -i and -m may be given");
            return null;
        }

        if (invocation.Has("masquerading"))
        {
            notes.AddUnmapped(file, line, $"real {realKey} of {service.Describe()}: NAT (-m) is not supported: Longhaul forwards by tunnel only and never sees the replies NAT rewrites; not imported", service.Comments);
            return null;
        }

        var real = new ImportedReal(file, line, address.Address);
        if (invocation.Value("weight") is { } weight)
        {
            if (!ImportFormat.TryParseInt(weight, 0, 65535, out int value))
            {
                notes.AddError(file, line, "-w", $"'{weight}' is not a weight (0..65535)");
                return null;
            }

            real.Weight = value;
        }

        if (address.HasPort && address.Port != service.Port && service.Port != 0)
        {
            notes.AddWarning(file, line, $"real {realKey} of {service.Describe()}: port {address.Port.ToString(CultureInfo.InvariantCulture)} differs from the service port; a tunnel does not rewrite ports, so the real receives port {service.Port.ToString(CultureInfo.InvariantCulture)}", real.Comments);
        }

        ApplyThresholds(invocation, real, service);
        bool tunnel = invocation.Has("ipip") || (!invocation.Has("gatewaying") && HasTunnelOptions(invocation));
        if (tunnel)
        {
            real.Tunnel = ReadTunnel(invocation, real, service);
        }
        else
        {
            string how = invocation.Has("gatewaying") ? "direct routing (-g)" : "direct routing (no -g/-i/-m: ipvsadm's default -g)";
            notes.AddWarning(file, line, $"real {realKey} of {service.Describe()}: {how} imported as a tunnel: Longhaul forwards by tunnel only, so this real must decapsulate IPIP or GUE (see docs/import.md)", real.Comments);
        }

        return real;
    }

    private void ApplyThresholds(IpvsadmInvocation invocation, ImportedReal real, ImportedService service)
    {
        int upper = 0;
        int lower = 0;
        bool ok = TryThreshold(invocation, "u-threshold", "-x", ref upper) & TryThreshold(invocation, "l-threshold", "-y", ref lower);
        if (ok && (upper | lower) != 0)
        {
            notes.AddUnmapped(file, invocation.Line, $"real {real.Address} of {service.Describe()}: connection thresholds (-x {upper.ToString(CultureInfo.InvariantCulture)} -y {lower.ToString(CultureInfo.InvariantCulture)}) are not supported yet; the real takes new flows without a limit", real.Comments);
        }
    }

    private bool TryThreshold(IpvsadmInvocation invocation, string option, string flag, ref int value)
    {
        if (invocation.Value(option) is not { } text)
        {
            return true;
        }

        if (ImportFormat.TryParseInt(text, 0, 65535, out value))
        {
            return true;
        }

        notes.AddError(file, invocation.Line, flag, $"'{text}' is not a connection threshold (0..65535)");
        return false;
    }

    private static bool HasTunnelOptions(IpvsadmInvocation invocation) =>
        invocation.Has("tun-type") || invocation.Has("tun-port") || invocation.Has("tun-nocsum") || invocation.Has("tun-csum") || invocation.Has("tun-remcsum");

    /// <summary>ipvsadm 1.29 writes a bare <c>-i</c> (IPIP); 1.31 adds <c>--tun-type ipip|gue|gre</c> and GUE's port and checksum mode.</summary>
    private ImportedTunnel ReadTunnel(IpvsadmInvocation invocation, ImportedReal real, ImportedService service)
    {
        int line = invocation.Line;
        string type = invocation.Value("tun-type")?.ToLowerInvariant() ?? "ipip";
        string[] checksums = [.. s_checksumModes.Where(c => invocation.Has($"tun-{c}"))];
        if (checksums.Length > 1)
        {
            notes.AddError(file, line, "--tun-csum", "only one of --tun-nocsum, --tun-csum and --tun-remcsum may be given");
        }

        string? checksum = checksums.Length == 1 ? checksums[0] : null;
        switch (type)
        {
            case "ipip":
                return ImportedTunnel.Ipip;
            case "gue":
                if (invocation.Value("tun-port") is not { } port)
                {
                    notes.AddError(file, line, "--tun-type", "gue needs --tun-port");
                    return ImportedTunnel.Unspecified;
                }

                if (!ImportFormat.TryParseInt(port, 1, 65535, out int guePort))
                {
                    notes.AddError(file, line, "--tun-port", $"'{port}' is not a port (1..65535)");
                    return ImportedTunnel.Unspecified;
                }

                return new ImportedTunnel("gue", guePort, checksum);
            case "gre":
                notes.AddUnmapped(file, line, $"real {real.Address} of {service.Describe()}: GRE tunnels are not supported; imported with the director's encapsulation (IPIP or GUE), which the real must decapsulate instead", real.Comments);
                return ImportedTunnel.Unspecified;
            default:
                notes.AddError(file, line, "--tun-type", $"'{type}' is not a tunnel type (ipip, gue, gre)");
                return ImportedTunnel.Unspecified;
        }
    }
}
