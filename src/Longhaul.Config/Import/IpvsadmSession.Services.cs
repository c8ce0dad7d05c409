using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>-A, -E and -D: virtual services and their scheduler and persistence options.</summary>
internal sealed partial class IpvsadmSession
{
    private const int MaxPersistenceSeconds = 365 * 24 * 3600;

    private void AddOrEditService(IpvsadmInvocation invocation, bool edit)
    {
        if (!TryResolveService(invocation, out string key, out string display, out HostPort address, out IpProtocol protocol))
        {
            return;
        }

        _services.TryGetValue(key, out IpvsadmPendingService? existing);
        if (edit)
        {
            if (existing is null)
            {
                notes.AddError(file, invocation.Line, invocation.CommandText, $"{display} was never added (ipvsadm: 'No such service')");
            }
            else if (existing.Service is null)
            {
                notes.AddUnmapped(file, invocation.Line, $"{invocation.CommandText} {display}: edits a service that is not imported");
            }
            else
            {
                ApplyServiceOptions(invocation, existing.Service);
            }

            return;
        }

        if (existing is not null)
        {
            notes.AddError(file, invocation.Line, invocation.CommandText, $"{display} is already added at line {existing.Line} (ipvsadm -R stops here: 'Service already exists')");
            return;
        }

        ImportedService? service = null;
        if (key.StartsWith("fwmark ", StringComparison.Ordinal))
        {
            notes.AddUnmapped(file, invocation.Line, $"{display}: firewall-mark services are not supported: Longhaul matches a service by protocol, VIP and port, so define one service per VIP and port");
        }
        else if (key.StartsWith("sctp ", StringComparison.Ordinal))
        {
            notes.AddUnmapped(file, invocation.Line, $"{display}: SCTP services are not supported (TCP and UDP only)");
        }
        else if (address.Kind == HostPortKind.Name)
        {
            notes.AddUnmapped(file, invocation.Line, $"{display}: a host or service name, not an address: re-run ipvsadm -S -n (numeric) and import that");
        }
        else
        {
            service = new ImportedService(file, invocation.Line, protocol, address.Address, (ushort)address.Port);
            ApplyServiceOptions(invocation, service);
        }

        var pending = new IpvsadmPendingService(display, invocation.Line, service);
        _services.Add(key, pending);
        _order.Add(pending);
    }

    private void DeleteService(IpvsadmInvocation invocation)
    {
        if (!TryResolveService(invocation, out string key, out string display, out _, out _))
        {
            return;
        }

        if (!_services.Remove(key, out IpvsadmPendingService? pending))
        {
            notes.AddError(file, invocation.Line, invocation.CommandText, $"{display} was never added (ipvsadm: 'No such service')");
            return;
        }

        _order.Remove(pending);
    }

    /// <summary>-A and -E both set every option; one left out takes ipvsadm's default (wlc, not persistent).</summary>
    private void ApplyServiceOptions(IpvsadmInvocation invocation, ImportedService service)
    {
        int line = invocation.Line;
        service.Scheduler = "wlc";
        service.HashSourcePort = service.Fallback = false;
        service.PersistenceTimeout = 0;
        service.PersistencePrefix = null;

        if (invocation.Value("scheduler") is { } scheduler)
        {
            if (ImportedScheduler.Resolve(scheduler, out bool isIpvs) is { } name)
            {
                service.Scheduler = name;
            }
            else if (isIpvs)
            {
                notes.AddUnmapped(file, line, $"{service.Describe()}: scheduler '{scheduler}' is not available in Longhaul; imported as {ImportedScheduler.Fallback} (choose from {ImportedScheduler.Choices})", service.Comments);
            }
            else
            {
                notes.AddError(file, line, "-s", $"'{scheduler}' is not an IPVS scheduler");
            }
        }

        if (invocation.Has("persistent"))
        {
            string? timeout = invocation.Value("persistent");
            if (timeout is null)
            {
                // ipvsadm's IPVS_SVC_PERSISTENT_TIMEOUT is 6*60; its man page says 300, the code wins.
                service.PersistenceTimeout = 360;
            }
            else if (ImportFormat.TryParseInt(timeout, 1, MaxPersistenceSeconds, out int seconds))
            {
                service.PersistenceTimeout = seconds;
            }
            else
            {
                notes.AddError(file, line, "-p", $"'{timeout}' is not a timeout in seconds (1..{MaxPersistenceSeconds})");
            }
        }

        if (invocation.Value("netmask") is { } netmask)
        {
            ApplyNetmask(service, netmask, line);
        }

        if (invocation.Value("pe") is { } engine)
        {
            notes.AddUnmapped(file, line, $"{service.Describe()}: persistence engine '{engine}' (--pe) is not supported; persistence keys on the client address only", service.Comments);
        }

        if (invocation.Has("ops"))
        {
            notes.AddUnmapped(file, line, $"{service.Describe()}: one-packet scheduling (-o) is not supported; every UDP flow is scheduled once and then kept", service.Comments);
        }

        if (invocation.Value("sched-flags") is { } flags)
        {
            ApplySchedulerFlags(service, flags, line);
        }
    }

    private void ApplyNetmask(ImportedService service, string netmask, int line)
    {
        int prefix;
        if (service.IsIPv4)
        {
            if (!ImportFormat.TryParseAddress(netmask, out NetAddress mask) || (prefix = ImportFormat.PrefixLengthOfMask(mask)) < 0)
            {
                notes.AddError(file, line, "-M", $"'{netmask}' is not a contiguous IPv4 netmask (255.255.255.0)");
                return;
            }
        }
        else if (!ImportFormat.TryParseInt(netmask, 0, 128, out prefix))
        {
            notes.AddError(file, line, "-M", $"'{netmask}' is not an IPv6 prefix length (0..128)");
            return;
        }

        if (service.PersistenceTimeout == 0)
        {
            notes.AddWarning(file, line, $"{service.Describe()}: -M {netmask} without -p has no effect; not imported", service.Comments);
            return;
        }

        service.PersistencePrefix = prefix;
    }

    /// <summary>Flags are read by their kernel bit (see <see cref="ImportedScheduler.TryReadFlag"/>).</summary>
    private void ApplySchedulerFlags(ImportedService service, string flags, int line)
    {
        bool fallback = false;
        bool port = false;
        foreach (string flag in flags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ImportedScheduler.TryReadFlag(flag, ref fallback, ref port, out bool isFlag3))
            {
                notes.AddError(file, line, "-b", $"'{flag}' is not a scheduler flag (sh-fallback, sh-port, mh-fallback, mh-port, flag-1..3)");
            }
            else if (isFlag3)
            {
                notes.AddUnmapped(file, line, $"{service.Describe()}: scheduler flag-3 has no Longhaul meaning", service.Comments);
            }
        }

        if ((fallback || port) && service.Scheduler is not ("sh" or "mh"))
        {
            notes.AddWarning(file, line, $"{service.Describe()}: -b {flags} is ignored by scheduler {service.Scheduler} (IPVS ignores it too); not imported", service.Comments);
            return;
        }

        service.Fallback = fallback;
        service.HashSourcePort = port;
    }
}
