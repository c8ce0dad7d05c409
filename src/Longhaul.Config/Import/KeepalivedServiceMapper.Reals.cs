using System.Globalization;
using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>real_server blocks: weight, forwarding method, per-real checker settings and the checker itself.</summary>
internal sealed partial class KeepalivedServiceMapper
{
    private ImportedReal? MapReal(KeepalivedNode block, ImportedService service, KeepalivedServiceContext context)
    {
        if (block.Argument(1) is not { } text || !ImportFormat.TryParseAddress(text, out NetAddress address))
        {
            notes.AddError(block.File, block.Line, "real_server", $"'{block.Argument(1)}' is not an IP address");
            return null;
        }

        int? port = null;
        if (block.Argument(2) is not null)
        {
            port = KeepalivedValues.Integer(block, notes, 0, 65535, index: 2);
        }

        var real = new ImportedReal(block.File, block.Line, address);
        KeepalivedCheckDefaults defaults = context.Defaults;
        KeepalivedForwarding? forwarding = null;
        var checkers = new List<KeepalivedNode>();
        foreach (KeepalivedNode node in block.Children ?? [])
        {
            if (KeepalivedValues.TryReadDefault(node, notes, ref defaults))
            {
                continue;
            }

            switch (node.Keyword)
            {
                case "weight":
                    real.Weight = KeepalivedValues.Integer(node, notes, 0, 65535) ?? real.Weight;
                    break;
                case "lb_kind" or "lvs_method":
                    forwarding = KeepalivedForwarding.Read(node, notes) ?? forwarding;
                    break;
                case "uthreshold" or "lthreshold":
                    notes.AddUnmapped(node.File, node.Line, $"real {address}: {node.Text}: connection thresholds are not supported yet; the real takes new flows without a limit", real.Comments);
                    break;
                case "notify_up" or "notify_down":
                    notes.AddUnmapped(node.File, node.Line, $"real {address}: {node.Keyword}: scripts run on health changes are not supported (the health state is in the metrics)", real.Comments);
                    break;
                case "delay_before_retry":
                    notes.AddWarning(node.File, node.Line, $"real {address}: delay_before_retry {node.Argument(1)}: Longhaul re-checks a failing real at the normal interval, not sooner", real.Comments);
                    break;
                case var checker when KeepalivedCheckMapper.IsChecker(checker):
                    checkers.Add(node);
                    break;
                default:
                    notes.AddUnmapped(node.File, node.Line, $"real {address}: {node.Text}: not supported", real.Comments);
                    break;
            }
        }

        if (!ApplyForwarding(real, forwarding ?? context.Forwarding, service))
        {
            return null;
        }

        if (port is { } realPort && realPort != service.Port && service.Port != 0)
        {
            notes.AddWarning(block.File, block.Line, $"real {address} of {service.Describe()}: port {realPort.ToString(CultureInfo.InvariantCulture)} differs from the service port; a tunnel does not rewrite ports, so the real receives port {service.Port.ToString(CultureInfo.InvariantCulture)}", real.Comments);
        }

        foreach (KeepalivedNode checker in checkers)
        {
            if (!KeepalivedCheckMapper.IsMappable(checker.Keyword))
            {
                notes.AddUnmapped(checker.File, checker.Line, $"real {address}: {checker.Keyword}: not supported (Longhaul checks are tunnel, tcp, http, https and exec)", real.Comments);
            }
            else if (real.HealthCheck is not null)
            {
                notes.AddUnmapped(checker.File, checker.Line, $"real {address}: {checker.Keyword}: a second checker; Longhaul runs one check per real, the first one is imported", real.Comments);
            }
            else
            {
                real.HealthCheck = KeepalivedCheckMapper.Map(checker, defaults, service.Port, real, notes);
            }
        }

        return real;
    }

    /// <summary>False when the real cannot be imported (NAT).</summary>
    private bool ApplyForwarding(ImportedReal real, KeepalivedForwarding? forwarding, ImportedService service)
    {
        string where = $"real {real.Address} of {service.Describe()}";
        switch (forwarding?.Method)
        {
            case null or "NAT":
                string how = forwarding is null ? "no lvs_method, so keepalived's default NAT" : "NAT";
                notes.AddUnmapped(real.File, real.Line, $"{where}: {how} is not supported: Longhaul forwards by tunnel only and never sees the replies NAT rewrites; not imported", service.Comments);
                return false;
            case "DR":
                notes.AddWarning(real.File, real.Line, $"{where}: DR imported as a tunnel: Longhaul forwards by tunnel only, so this real must decapsulate IPIP or GUE (see docs/import.md)", real.Comments);
                return true;
            case "GRE":
                notes.AddUnmapped(real.File, real.Line, $"{where}: GRE tunnels are not supported; imported with the director's encapsulation (IPIP or GUE), which the real must decapsulate instead", real.Comments);
                return true;
            default:
                real.Tunnel = forwarding.Tunnel;
                return true;
        }
    }
}
