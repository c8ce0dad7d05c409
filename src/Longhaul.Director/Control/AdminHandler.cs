using System.Security.Cryptography;
using System.Text;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config;
using Longhaul.Director.Control.Protocol;
using Longhaul.Packets;

namespace Longhaul.Director.Control;

/// <summary>
/// Turns one <see cref="AdminRequest"/> into one <see cref="AdminResponse"/> against a <see cref="ControlPlane"/>.
/// Independent of the transport, so the whole protocol is tested in process without root or sockets.
/// </summary>
public sealed class AdminHandler(ControlPlane control)
{
    /// <summary>remove-real --drain waits at most this long unless the request says otherwise.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(60);

    private static readonly string[] s_operations =
    [
        "list", "explain", "flows", "zero", "reload", "save", "add-service", "edit-service", "remove-service",
        "add-real", "edit-real", "drain-real", "undrain-real", "remove-real",
    ];

    /// <param name="requiredToken">The token a request must carry (TCP endpoint), or null on the root-only Unix socket.</param>
    public async Task<AdminResponse> HandleAsync(AdminRequest request, string? requiredToken, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (requiredToken is not null && !TokenMatches(request.Token, requiredToken))
        {
            return AdminResponse.Failure("unauthorized: a valid token is required on the network admin endpoint");
        }

        try
        {
            return await DispatchAsync(request, cancellation).ConfigureAwait(false);
        }
        catch (AdminException e)
        {
            return AdminResponse.Failure(e.Message) with { ConfigVersion = control.Snapshot.Version };
        }
    }

    private async Task<AdminResponse> DispatchAsync(AdminRequest request, CancellationToken cancellation)
    {
        string? message = null;
        switch (request.Op)
        {
            case "list":
                return Ok(null) with { List = control.List() };
            case "explain":
                return Ok(null) with { Explain = control.Explain(ExplainFlow(request)) };
            case "flows":
                return Ok(null) with { Flows = control.Flows(Filter(request), request.Limit ?? FlowLister.DefaultLimit) };
            case "zero":
                control.Zero();
                message = "counters zeroed";
                break;
            case "save":
                message = control.Save();
                break;
            case "reload":
                message = await control.ReloadAsync(request.Path, cancellation).ConfigureAwait(false);
                break;
            case "add-service":
                message = await AddServiceAsync(request, cancellation).ConfigureAwait(false);
                break;
            case "edit-service":
                message = await EditServiceAsync(request, cancellation).ConfigureAwait(false);
                break;
            case "remove-service":
            {
                ServiceKey key = Service(request);
                message = await control.EditAsync($"remove service {key}", c => ConfigEdits.RemoveService(c, key), cancellation).ConfigureAwait(false);
                break;
            }

            case "add-real":
                message = await AddRealAsync(request, cancellation).ConfigureAwait(false);
                break;
            case "edit-real":
                message = await EditRealAsync(request, cancellation).ConfigureAwait(false);
                break;
            case "drain-real" or "undrain-real":
            {
                ServiceKey key = Service(request);
                NetAddress real = Real(request, out _);
                RealState state = request.Op == "drain-real" ? RealState.Draining : RealState.Active;
                string verb = request.Op == "drain-real" ? "drain" : "undrain";
                message = await control.EditAsync($"{verb} {real} of {key}", c => ConfigEdits.EditReal(c, key, real, r => r with { State = state }), cancellation)
                    .ConfigureAwait(false);
                break;
            }

            case "remove-real":
            {
                ServiceKey key = Service(request);
                NetAddress real = Real(request, out _);
                TimeSpan timeout = request.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 86_400)) : DefaultDrainTimeout;
                message = await control.RemoveRealAsync(key, real, request.Drain, timeout, cancellation).ConfigureAwait(false);
                break;
            }

            default:
                throw new AdminException($"unknown operation '{request.Op}' (one of {string.Join(", ", s_operations)})");
        }

        return Ok(message);
    }

    private AdminResponse Ok(string? message) => new() { Ok = true, Message = message, ConfigVersion = control.Snapshot.Version };

    private Task<string> AddServiceAsync(AdminRequest request, CancellationToken cancellation)
    {
        ServiceKey key = Service(request);
        var service = new ServiceDefinition(key.Protocol, key.Vip, key.Port, [], Scheduler(request.Scheduler) ?? SchedulerKind.Maglev);
        service = ApplyServiceOptions(service, request);
        return control.EditAsync($"add service {key}", c => ConfigEdits.AddService(c, service), cancellation);
    }

    private Task<string> EditServiceAsync(AdminRequest request, CancellationToken cancellation)
    {
        ServiceKey key = Service(request);
        SchedulerKind? scheduler = Scheduler(request.Scheduler);
        return control.EditAsync(
            $"edit service {key}",
            c => ConfigEdits.EditService(c, key, s => ApplyServiceOptions(scheduler is { } kind ? s with { Scheduler = kind, HashSourcePort = false, Fallback = false } : s, request)),
            cancellation);
    }

    private static ServiceDefinition ApplyServiceOptions(ServiceDefinition service, AdminRequest request)
    {
        if (request.Flags is { } flags)
        {
            service = ConfigEdits.WithFlags(service, flags);
        }

        if (request.Persistence is { } seconds)
        {
            service = seconds <= 0
                ? service with { Persistence = null }
                : service with { Persistence = (service.Persistence ?? new PersistenceSettings(TimeSpan.Zero)) with { Timeout = TimeSpan.FromSeconds(seconds) } };
        }

        if (request.Netmask is { } mask)
        {
            if (service.Persistence is null)
            {
                throw new AdminException("a netmask needs persistence (-p) as with ipvsadm -M");
            }

            service = service with { Persistence = service.Persistence with { PrefixLengthV4 = PrefixLength(mask) } };
        }

        return service;
    }

    private Task<string> AddRealAsync(AdminRequest request, CancellationToken cancellation)
    {
        ServiceKey key = Service(request);
        NetAddress address = Real(request, out ushort port);
        var real = new RealDefinition(
            address,
            Port: port,
            Weight: request.Weight ?? 1,
            DataCenter: request.DataCenter ?? string.Empty,
            Tunnel: Encapsulation(request.Encapsulation));
        return control.EditAsync($"add real {address} to {key}", c => ConfigEdits.AddReal(c, key, real), cancellation);
    }

    private Task<string> EditRealAsync(AdminRequest request, CancellationToken cancellation)
    {
        ServiceKey key = Service(request);
        NetAddress address = Real(request, out _);
        TunnelKind? tunnel = Encapsulation(request.Encapsulation);
        var what = new StringBuilder($"edit real {address} of {key}");
        if (request.Weight is { } weight)
        {
            what.Append(System.Globalization.CultureInfo.InvariantCulture, $" (weight {weight})");
        }

        return control.EditAsync(
            what.ToString(),
            c => ConfigEdits.EditReal(c, key, address, r => r with
            {
                Weight = request.Weight ?? r.Weight,
                DataCenter = request.DataCenter ?? r.DataCenter,
                Tunnel = tunnel ?? r.Tunnel,
            }),
            cancellation);
    }

    private static FlowKey ExplainFlow(AdminRequest request)
    {
        ServiceKey key = Service(request);
        if (!HostPort.TryParse(request.Client, out NetAddress client, out ushort clientPort))
        {
            throw new AdminException($"'{request.Client}' is not CLIENT-IP:PORT");
        }

        if (client.IsIPv4 != key.Vip.IsIPv4)
        {
            throw new AdminException("the client and the VIP must be of the same address family");
        }

        return new FlowKey(client, key.Vip, clientPort, key.Port, key.Protocol);
    }

    private static FlowFilter Filter(AdminRequest request)
    {
        NetAddress? vip = null, real = null, client = null;
        ushort vipPort = 0;
        if (request.Service is not null)
        {
            vip = HostPort.TryParse(request.Service, out NetAddress v, out vipPort) ? v : throw new AdminException($"'{request.Service}' is not VIP[:PORT]");
        }

        if (request.Real is not null)
        {
            real = HostPort.TryParse(request.Real, out NetAddress r, out _) ? r : throw new AdminException($"'{request.Real}' is not a real server address");
        }

        if (request.Client is not null)
        {
            client = HostPort.TryParse(request.Client, out NetAddress c, out _) ? c : throw new AdminException($"'{request.Client}' is not a client address");
        }

        return new FlowFilter(vip, vipPort, real, client);
    }

    private static ServiceKey Service(AdminRequest request)
    {
        IpProtocol protocol = request.Protocol?.ToLowerInvariant() switch
        {
            "tcp" => IpProtocol.Tcp,
            "udp" => IpProtocol.Udp,
            null => throw new AdminException("which service? give -t VIP:PORT or -u VIP:PORT"),
            _ => throw new AdminException($"protocol '{request.Protocol}' is not tcp or udp"),
        };
        if (!HostPort.TryParse(request.Service, out NetAddress vip, out ushort port))
        {
            throw new AdminException($"'{request.Service}' is not VIP:PORT (IPv6 in brackets: [2001:db8::10]:80)");
        }

        return new ServiceKey(protocol, vip, port);
    }

    private static NetAddress Real(AdminRequest request, out ushort port)
    {
        if (!HostPort.TryParse(request.Real, out NetAddress address, out port))
        {
            throw new AdminException(request.Real is null ? "which real? give -r RIP[:PORT]" : $"'{request.Real}' is not RIP[:PORT]");
        }

        return address;
    }

    private static SchedulerKind? Scheduler(string? name)
    {
        if (name is null)
        {
            return null;
        }

        return SchedulerNames.TryParse(name, out SchedulerKind kind)
            ? kind
            : throw new AdminException($"'{name}' is not a scheduler (rr, wrr, lc, wlc, sed, nq, sh, dh, mh)");
    }

    private static TunnelKind? Encapsulation(string? name) => name?.ToLowerInvariant() switch
    {
        null => null,
        "ipip" => TunnelKind.Ipip,
        "gue" => TunnelKind.Gue,
        _ => throw new AdminException($"encapsulation '{name}' is not ipip or gue"),
    };

    private static int PrefixLength(string mask)
    {
        // The config reader owns the netmask rules; ask it with a one-service file rather than repeat them.
        try
        {
            DirectorConfig probe = DirectorConfig.Parse(
                $"director:\n  tunnel-source: 192.0.2.1\nservices:\n  - protocol: tcp\n    vip: 192.0.2.9\n    port: 0\n    persistence-timeout: 1\n    persistence-netmask: \"{mask.Replace("\"", string.Empty, StringComparison.Ordinal)}\"\n    reals: []\n",
                "netmask");
            return probe.Balancer.Services[0].Persistence!.PrefixLengthV4;
        }
        catch (ConfigException e)
        {
            throw new AdminException(e.Errors[0].Message, e);
        }
    }

    private static bool TokenMatches(string? given, string expected)
    {
        byte[] a = Encoding.UTF8.GetBytes(given ?? string.Empty);
        byte[] b = Encoding.UTF8.GetBytes(expected);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
