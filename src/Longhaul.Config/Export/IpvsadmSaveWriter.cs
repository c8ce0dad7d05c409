using System.Globalization;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Config.Import;
using Longhaul.Packets;

namespace Longhaul.Config.Export;

/// <summary>
/// Writes a <see cref="BalancerDefinition"/> the way <c>ipvsadm -S -n</c> (1.31) prints the kernel's table, so the
/// output feeds <c>ipvsadm -R</c>, diffs against an LVS director's save file, and imports back unchanged:
/// <code>
/// -A -t 203.0.113.10:443 -s sh -p 360 -M 255.255.255.0 -b sh-port
/// -a -t 203.0.113.10:443 -r 192.0.2.21:443 -i -w 1 --tun-type ipip
/// </code>
/// A draining real is written with weight 0, as IPVS quiesces it. A real that is down has no IPVS equivalent
/// that keeps its weight; it is written with weight 0 (keepalived's inhibit_on_failure) after a <c>#</c> comment
/// line, which ipvsadm -R and ipvsadm-restore skip.
/// </summary>
public static class IpvsadmSaveWriter
{
    public static void Write(BalancerDefinition definition, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(writer);

        List<ServiceDefinition> services = IpvsadmOrder.Sort(definition.Services, IpvsadmOrder.CompareServices);
        foreach (ServiceDefinition service in services)
        {
            string selector = $"{(service.Protocol == IpProtocol.Udp ? "-u" : "-t")} {ImportFormat.AddressPort(service.Vip, service.Port)}";
            writer.Write($"-A {selector} -s {SchedulerNames.ToName(service.Scheduler)}");
            WritePersistence(writer, service);
            WriteFlags(writer, service);
            writer.Write('\n');

            List<RealDefinition> reals = IpvsadmOrder.Sort(service.Reals, (a, b) => IpvsadmOrder.CompareReals(a.Address, PortOf(a, service), b.Address, PortOf(b, service)));
            foreach (RealDefinition real in reals)
            {
                WriteReal(writer, definition.Tunnel, service, selector, real);
            }
        }
    }

    private static void WritePersistence(TextWriter writer, ServiceDefinition service)
    {
        if (service.Persistence is not { } persistence)
        {
            return;
        }

        writer.Write(string.Create(CultureInfo.InvariantCulture, $" -p {(long)persistence.Timeout.TotalSeconds}"));
        if (service.Vip.IsIPv4 && persistence.PrefixLengthV4 < 32)
        {
            writer.Write($" -M {ImportFormat.MaskOfPrefixLength(persistence.PrefixLengthV4)}");
        }
        else if (!service.Vip.IsIPv4 && persistence.PrefixLengthV6 < 128)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $" -M {persistence.PrefixLengthV6}"));
        }
    }

    /// <summary>ipvsadm's print_sched_flags: named for sh and mh, flag-N for the others, fallback before port.</summary>
    private static void WriteFlags(TextWriter writer, ServiceDefinition service)
    {
        if (!service.Fallback && !service.HashSourcePort)
        {
            return;
        }

        (string fallback, string port) = service.Scheduler switch
        {
            SchedulerKind.SourceHashing => ("sh-fallback", "sh-port"),
            SchedulerKind.Maglev => ("mh-fallback", "mh-port"),
            _ => ("flag-1", "flag-2"),
        };
        var flags = new List<string>(2);
        if (service.Fallback)
        {
            flags.Add(fallback);
        }

        if (service.HashSourcePort)
        {
            flags.Add(port);
        }

        writer.Write($" -b {string.Join(',', flags)}");
    }

    private static void WriteReal(TextWriter writer, TunnelSettings tunnel, ServiceDefinition service, string selector, RealDefinition real)
    {
        int weight = real.State == RealState.Active ? real.Weight : 0;
        string address = ImportFormat.AddressPort(real.Address, PortOf(real, service));
        if (real.State == RealState.Down)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"# {address} is down (health check); weight {real.Weight} when it is back\n"));
        }

        writer.Write(string.Create(CultureInfo.InvariantCulture, $"-a {selector} -r {address} -i -w {weight}"));
        if ((real.Tunnel ?? tunnel.Kind) == TunnelKind.Gue)
        {
            // Longhaul's GUE carries a UDP checksum over IPv6 only (zero over IPv4), which is what these flags say.
            string checksum = real.Address.IsIPv4 ? "--tun-nocsum" : "--tun-csum";
            writer.Write(string.Create(CultureInfo.InvariantCulture, $" --tun-type gue --tun-port {tunnel.GuePort} {checksum}\n"));
        }
        else
        {
            writer.Write(" --tun-type ipip\n");
        }
    }

    /// <summary>Port 0 on a real means "the service's port", which is what IPVS stores for tunnel reals.</summary>
    private static ushort PortOf(RealDefinition real, ServiceDefinition service) => real.Port != 0 ? real.Port : service.Port;
}
