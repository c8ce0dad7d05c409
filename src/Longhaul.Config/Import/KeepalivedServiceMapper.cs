using System.Globalization;
using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>
/// One keepalived <c>virtual_server</c> block to an <see cref="ImportedService"/>. Service-level settings are read
/// first, whatever their place in the block, because keepalived applies them to every real and checker.
/// </summary>
internal sealed partial class KeepalivedServiceMapper(ImportNotes notes)
{
    private const int MaxPersistenceSeconds = 365 * 24 * 3600;

    public ImportedService? Map(KeepalivedNode block)
    {
        string? first = block.Argument(1);
        if (first is "group" or "fwmark")
        {
            string why = first == "group"
                ? "virtual server groups are not supported: write one virtual_server per VIP and port"
                : "firewall-mark services are not supported: Longhaul matches a service by protocol, VIP and port";
            notes.AddUnmapped(block.File, block.Line, $"virtual_server {first} {block.Argument(2)}: {why}");
            return null;
        }

        if (first is null || !ImportFormat.TryParseAddress(first, out NetAddress vip))
        {
            notes.AddError(block.File, block.Line, "virtual_server", $"'{first}' is not an IP address (virtual_server IP PORT {{...}})");
            return null;
        }

        int port = 0;
        if (block.Argument(2) is { } portText && !ImportFormat.TryParseInt(portText, 0, 65535, out port))
        {
            notes.AddError(block.File, block.Line, "virtual_server", $"'{portText}' is not a port");
            return null;
        }

        if (block.Children is null)
        {
            notes.AddError(block.File, block.Line, "virtual_server", "needs a { ... } block");
            return null;
        }

        var context = new KeepalivedServiceContext();
        foreach (KeepalivedNode node in block.Children)
        {
            if (node.Keyword != "real_server")
            {
                ReadServiceSetting(node, context);
            }
        }

        if (context.Protocol == "SCTP")
        {
            notes.AddUnmapped(block.File, block.Line, $"virtual_server {first} {port.ToString(CultureInfo.InvariantCulture)}: SCTP services are not supported (TCP and UDP only)");
            return null;
        }

        var service = new ImportedService(block.File, block.Line, context.Protocol == "UDP" ? IpProtocol.Udp : IpProtocol.Tcp, vip, (ushort)port);
        ApplyServiceSettings(service, context);
        foreach (KeepalivedNode node in block.Children)
        {
            if (node.Keyword == "real_server" && MapReal(node, service, context) is { } real)
            {
                service.Reals.Add(real);
            }
        }

        CollapseChecks(service);
        if (service.Quorum is > 1 and var quorum && service.Reals.Any(r => r.Weight != 1))
        {
            notes.AddWarning(block.File, context.QuorumLine, $"{service.Describe()}: quorum {quorum.ToString(CultureInfo.InvariantCulture)}: keepalived counts the total weight of the live reals, Longhaul counts healthy reals; check the number", service.Comments);
        }

        if (service.Port == 0 && service.PersistenceTimeout == 0)
        {
            notes.AddWarning(block.File, block.Line, $"{service.Describe()}: port 0 (every port) is only valid for a persistent service", service.Comments);
        }

        return service;
    }

    /// <summary>When every real has the same check, it is written once for the service.</summary>
    private static void CollapseChecks(ImportedService service)
    {
        if (service.Reals.Count == 0 || service.Reals[0].HealthCheck is not { } check || service.Reals.Any(r => r.HealthCheck != check))
        {
            return;
        }

        service.HealthCheck = check;
        foreach (ImportedReal real in service.Reals)
        {
            real.HealthCheck = null;
        }
    }

    private void ApplyServiceSettings(ImportedService service, KeepalivedServiceContext context)
    {
        List<string> comments = service.Comments;
        if (context.Scheduler is { } scheduler)
        {
            if (ImportedScheduler.Resolve(scheduler.Value, out bool isIpvs) is { } name)
            {
                service.Scheduler = name;
            }
            else if (isIpvs)
            {
                notes.AddUnmapped(service.File, scheduler.Line, $"{service.Describe()}: scheduler '{scheduler.Value}' is not available in Longhaul; imported as {ImportedScheduler.Fallback} (choose from {ImportedScheduler.Choices})", comments);
            }
            else
            {
                notes.AddError(service.File, scheduler.Line, "lvs_sched", $"'{scheduler.Value}' is not an IPVS scheduler");
            }
        }

        service.PersistenceTimeout = context.PersistenceTimeout;
        if (context.Granularity is { } granularity)
        {
            if (context.PersistenceTimeout == 0)
            {
                notes.AddWarning(service.File, granularity.Line, $"{service.Describe()}: persistence_granularity without persistence_timeout has no effect; not imported", comments);
            }
            else if (ReadGranularity(service, granularity.Value, granularity.Line) is { } prefix)
            {
                service.PersistencePrefix = prefix;
            }
        }

        if (context.FlagsLine > 0)
        {
            if (service.Scheduler is "sh" or "mh")
            {
                service.Fallback = context.Fallback;
                service.HashSourcePort = context.HashPort;
            }
            else if (context.Fallback || context.HashPort)
            {
                notes.AddWarning(service.File, context.FlagsLine, $"{service.Describe()}: scheduler flags are ignored by scheduler {service.Scheduler} (keepalived ignores them too); not imported", comments);
            }
        }

        service.Quorum = context.Quorum;
        if (context.Sorry is { } sorry)
        {
            service.SorryServer = sorry.Address;
            if (sorry.Port is { } sorryPort && sorryPort != service.Port)
            {
                notes.AddWarning(service.File, sorry.Line, $"{service.Describe()}: sorry_server port {sorryPort.ToString(CultureInfo.InvariantCulture)}: a tunnel does not rewrite ports, so the sorry server receives port {service.Port.ToString(CultureInfo.InvariantCulture)}", comments);
            }
        }
    }

    private int? ReadGranularity(ImportedService service, string text, int line)
    {
        if (service.IsIPv4)
        {
            if (ImportFormat.TryParseAddress(text, out NetAddress mask) && ImportFormat.PrefixLengthOfMask(mask) is >= 0 and var prefix)
            {
                return prefix;
            }

            notes.AddError(service.File, line, "persistence_granularity", $"'{text}' is not a contiguous IPv4 netmask");
            return null;
        }

        if (ImportFormat.TryParseInt(text.TrimStart('/'), 0, 128, out int length))
        {
            return length;
        }

        notes.AddError(service.File, line, "persistence_granularity", $"'{text}' is not an IPv6 prefix length");
        return null;
    }
}
