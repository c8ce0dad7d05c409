using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>
/// Applies rules lines in order, as ipvsadm -R would, to the table being imported. A line ipvsadm itself would
/// refuse (a service added twice, a real of an unknown service) is an error, since the file would not restore.
/// </summary>
internal sealed partial class IpvsadmSession(string file, ImportNotes notes)
{
    private static readonly HashSet<string> s_selectors = ["tcp-service", "udp-service", "sctp-service", "fwmark-service"];
    private static readonly HashSet<string> s_serviceOptions = ["ipv6", "numeric", "scheduler", "pe", "persistent", "netmask", "ops", "sched-flags"];
    private static readonly HashSet<string> s_realOptions =
    [
        "ipv6", "numeric", "real-server", "gatewaying", "ipip", "masquerading", "weight", "u-threshold", "l-threshold",
        "tun-type", "tun-port", "tun-nocsum", "tun-csum", "tun-remcsum",
    ];

    private static readonly HashSet<string> s_deleteServiceOptions = ["ipv6", "numeric"];
    private static readonly HashSet<string> s_deleteRealOptions = ["ipv6", "numeric", "real-server"];
    private static readonly HashSet<string> s_daemonOptions = ["syncid", "sync-maxlen", "mcast-interface", "mcast-group", "mcast-port", "mcast-ttl"];

    private readonly List<IpvsadmPendingService> _order = [];
    private readonly Dictionary<string, IpvsadmPendingService> _services = new(StringComparer.Ordinal);
    private (int Tcp, int TcpFin, int Udp)? _timeouts;

    public void Apply(IpvsadmInvocation invocation)
    {
        switch (invocation.Command)
        {
            case "add-service" or "edit-service" when Allowed(invocation, s_serviceOptions, needsService: true):
                AddOrEditService(invocation, edit: invocation.Command == "edit-service");
                break;
            case "delete-service" when Allowed(invocation, s_deleteServiceOptions, needsService: true):
                DeleteService(invocation);
                break;
            case "clear" when Allowed(invocation, [], needsService: false):
                _order.Clear();
                _services.Clear();
                break;
            case "add-server" or "edit-server" when Allowed(invocation, s_realOptions, needsService: true):
                AddOrEditReal(invocation, edit: invocation.Command == "edit-server");
                break;
            case "delete-server" when Allowed(invocation, s_deleteRealOptions, needsService: true):
                DeleteReal(invocation);
                break;
            case "set" when Allowed(invocation, [], needsService: false):
                SetTimeouts(invocation);
                break;
            case "start-daemon" when Allowed(invocation, s_daemonOptions, needsService: false):
                notes.AddUnmapped(file, invocation.Line, $"{invocation.CommandText}: the IPVS connection sync daemon has no Longhaul counterpart: directors with the same configuration and hash-seed choose the same real for a new flow, and a flow that moves director is re-scheduled");
                break;
            case "stop-daemon" or "restore" or "save" or "list" or "zero" or "help":
                notes.AddWarning(file, invocation.Line, $"{invocation.CommandText}: not a configuration command; ignored");
                break;
            default:
                // Allowed() has reported why.
                break;
        }
    }

    public ImportedDefinition Finish()
    {
        var definition = new ImportedDefinition { Timeouts = _timeouts };
        foreach (IpvsadmPendingService pending in _order)
        {
            if (pending.Service is { } service)
            {
                if (service.Port == 0 && service.PersistenceTimeout == 0)
                {
                    notes.AddWarning(file, pending.Line, $"{service.Describe()}: port 0 (every port) is only valid for a persistent service (-p)", service.Comments);
                }

                definition.Services.Add(service);
            }
        }

        return definition;
    }

    /// <summary>ipvsadm refuses options that do not belong to the command ("Illegal 'weight' option with the 'add-service' command").</summary>
    private bool Allowed(IpvsadmInvocation invocation, HashSet<string> allowed, bool needsService)
    {
        bool ok = true;
        int selectors = 0;
        foreach (string option in invocation.Options.Keys)
        {
            if (s_selectors.Contains(option))
            {
                selectors++;
                ok &= needsService;
            }
            else if (!allowed.Contains(option))
            {
                notes.AddError(file, invocation.Line, $"--{option}", $"not valid with {invocation.CommandText}");
                ok = false;
            }
        }

        if (needsService && selectors != 1)
        {
            notes.AddError(file, invocation.Line, invocation.CommandText, "needs exactly one virtual service (-t, -u, --sctp-service or -f)");
            ok = false;
        }
        else if (!needsService && selectors > 0)
        {
            notes.AddError(file, invocation.Line, invocation.CommandText, "takes no virtual service");
            ok = false;
        }

        return ok;
    }

    private void SetTimeouts(IpvsadmInvocation invocation)
    {
        var values = new int[3];
        for (int i = 0; i < 3; i++)
        {
            if (!ImportFormat.TryParseInt(invocation.SetValues[i], 0, int.MaxValue, out values[i]))
            {
                notes.AddError(file, invocation.Line, "--set", $"'{invocation.SetValues[i]}' is not a number of seconds");
                return;
            }
        }

        // 0 means "leave unchanged", so a later --set only overrides what it sets.
        (int tcp, int tcpFin, int udp) = _timeouts ?? (0, 0, 0);
        _timeouts = (values[0] > 0 ? values[0] : tcp, values[1] > 0 ? values[1] : tcpFin, values[2] > 0 ? values[2] : udp);
    }

    /// <summary>The service a line names: its table key, how to show it, and the service to build (null when unmappable).</summary>
    private bool TryResolveService(IpvsadmInvocation invocation, out string key, out string display, out HostPort address, out IpProtocol protocol)
    {
        string selector = invocation.Options.Keys.First(s_selectors.Contains);
        string value = invocation.Value(selector)!;
        address = default;
        protocol = selector == "udp-service" ? IpProtocol.Udp : IpProtocol.Tcp;
        switch (selector)
        {
            case "fwmark-service":
                if (!ImportFormat.TryParseInt(value, 1, int.MaxValue, out _))
                {
                    notes.AddError(file, invocation.Line, "-f", $"'{value}' is not a firewall mark (an integer above zero)");
                    key = display = string.Empty;
                    return false;
                }

                key = $"fwmark {value}{(invocation.Has("ipv6") ? " -6" : string.Empty)}";
                display = $"FWM {value}{(invocation.Has("ipv6") ? " IPv6" : string.Empty)}";
                return true;
            case "sctp-service":
                key = $"sctp {value}";
                display = $"SCTP {value}";
                return true;
        }

        address = HostPort.Parse(value);
        if (address.Kind == HostPortKind.Invalid)
        {
            notes.AddError(file, invocation.Line, selector == "udp-service" ? "-u" : "-t", $"'{value}' is not an address[:port] (IPv6 in brackets: [2001:db8::1]:80)");
            key = display = string.Empty;
            return false;
        }

        string name = protocol == IpProtocol.Udp ? "UDP" : "TCP";
        string text = address.Kind == HostPortKind.Numeric ? ImportFormat.AddressPort(address.Address, address.Port) : value;
        key = $"{name} {text}";
        display = key;
        return true;
    }
}
