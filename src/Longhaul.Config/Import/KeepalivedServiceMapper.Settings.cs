using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>The statements of a virtual_server block other than its real_server blocks.</summary>
internal sealed partial class KeepalivedServiceMapper
{
    private void ReadServiceSetting(KeepalivedNode node, KeepalivedServiceContext context)
    {
        KeepalivedCheckDefaults defaults = context.Defaults;
        if (KeepalivedValues.TryReadDefault(node, notes, ref defaults))
        {
            context.Defaults = defaults;
            return;
        }

        bool fallback = context.Fallback;
        bool hashPort = context.HashPort;
        switch (node.Keyword)
        {
            case "lb_algo" or "lvs_sched":
                context.Scheduler = (node.Argument(1) ?? string.Empty, node.Line);
                break;
            case "lb_kind" or "lvs_method":
                context.Forwarding = KeepalivedForwarding.Read(node, notes) ?? context.Forwarding;
                break;
            case "protocol":
                string protocol = node.Argument(1)?.ToUpperInvariant() ?? string.Empty;
                if (protocol is "TCP" or "UDP" or "SCTP")
                {
                    context.Protocol = protocol;
                }
                else
                {
                    notes.AddError(node.File, node.Line, "protocol", $"'{node.Argument(1)}' is not TCP, UDP or SCTP");
                }

                break;
            case "persistence_timeout":
                // A bare persistence_timeout is keepalived's IPVS_SVC_PERSISTENT_TIMEOUT, 6 minutes.
                context.PersistenceTimeout = node.Argument(1) is null ? 360 : KeepalivedValues.Integer(node, notes, 1, MaxPersistenceSeconds) ?? 0;
                break;
            case "persistence_granularity":
                context.Granularity = (node.Argument(1) ?? string.Empty, node.Line);
                break;
            case "quorum":
                context.Quorum = KeepalivedValues.Integer(node, notes, 0, 65535);
                context.QuorumLine = node.Line;
                break;
            case "hysteresis":
                if (KeepalivedValues.Integer(node, notes, 0, 65535) is > 0)
                {
                    Unmapped(node, "Longhaul changes to and from the sorry server exactly at the quorum");
                }

                break;
            case "sorry_server":
                ReadSorryServer(node, context);
                break;
            case "ip_family":
                break;
            case "delay_before_retry":
                notes.AddWarning(node.File, node.Line, $"delay_before_retry {node.Argument(1)}: Longhaul re-checks a failing real at the normal interval, not sooner");
                break;
            case "quorum_up" or "quorum_down":
                Unmapped(node, "scripts run when the quorum changes are not supported (the health state is in the metrics)");
                break;
            case "persistence_engine":
                Unmapped(node, "persistence engines (SIP Call-ID) are not supported; persistence keys on the client address only");
                break;
            case "ops":
                Unmapped(node, "one-packet scheduling is not supported; every UDP flow is scheduled once and then kept");
                break;
            case "alpha":
                Unmapped(node, "starting reals as down until their first check passes is not supported");
                break;
            case "omega" or "ha_suspend" or "sorry_server_inhibit" or "sorry_server_lvs_method" or "smtp_alert" or "warmup" or "hashed":
                Unmapped(node, "not supported");
                break;
            case var flag when ImportedScheduler.TryReadFlag(flag, ref fallback, ref hashPort, out bool isFlag3):
                context.Fallback = fallback;
                context.HashPort = hashPort;
                context.FlagsLine = node.Line;
                if (isFlag3)
                {
                    Unmapped(node, "scheduler flag-3 has no Longhaul meaning");
                }

                break;
            case var checker when KeepalivedCheckMapper.IsChecker(checker):
                Unmapped(node, "a checker directly in virtual_server (checkers belong in real_server blocks)");
                break;
            default:
                Unmapped(node, "unknown virtual_server keyword");
                break;
        }
    }

    private void ReadSorryServer(KeepalivedNode node, KeepalivedServiceContext context)
    {
        if (node.Argument(1) is not { } text || !ImportFormat.TryParseAddress(text, out NetAddress address))
        {
            notes.AddError(node.File, node.Line, "sorry_server", $"'{node.Argument(1)}' is not an IP address");
            return;
        }

        int? port = node.Argument(2) is null ? null : KeepalivedValues.Integer(node, notes, 0, 65535, index: 2);
        context.Sorry = (address, port, node.Line);
    }

    private void Unmapped(KeepalivedNode node, string why) => notes.AddUnmapped(node.File, node.Line, $"{node.Text}: {why}");
}
