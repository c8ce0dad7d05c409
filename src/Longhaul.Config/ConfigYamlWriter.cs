using System.Globalization;
using System.Text;
using Longhaul.Balancing.Flows;
using Longhaul.Balancing.Model;
using Longhaul.Balancing.Scheduling;
using Longhaul.Packets;

namespace Longhaul.Config;

/// <summary>
/// Writes a <see cref="DirectorConfig"/> back as YAML that <see cref="DirectorConfig.Parse"/> reads to the same
/// configuration: how runtime changes (<c>longhaul ctl add-real</c> ...) survive a restart. The output is
/// canonical (fixed key order, every setting spelt out), so comments and layout of a hand-written file are not
/// kept; a separate <c>state-file</c> keeps the hand-written file untouched.
/// </summary>
public static class ConfigYamlWriter
{
    public static string ToYaml(DirectorConfig config)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(config, text);
        return text.ToString();
    }

    public static void Write(DirectorConfig config, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(output);
        var w = new Lines(output);
        DirectorSettings d = config.Director;
        TunnelSettings t = config.Balancer.Tunnel;
        w.Line(0, "# Written by longhaul: the running configuration, including changes made with `longhaul ctl`.");
        w.Line(0, "director:");
        w.Pair(1, "name", Quote(d.Name));
        if (!t.SourceV4.IsNone)
        {
            w.Pair(1, "tunnel-source", t.SourceV4.ToString());
        }

        if (!t.SourceV6.IsNone)
        {
            w.Pair(1, "tunnel-source-v6", t.SourceV6.ToString());
        }

        w.Pair(1, "encapsulation", t.Kind == TunnelKind.Gue ? "gue" : "ipip");
        w.Pair(1, "gue-port", Number(t.GuePort));
        w.Pair(1, "tunnel-mtu", Number(t.Mtu));
        w.Pair(1, "hash-seed", config.Balancer.HashSeed.ToString(CultureInfo.InvariantCulture));
        w.Pair(1, "workers", Number(d.Workers));
        w.Pair(1, "flow-table-size", Number(d.FlowTableSize));
        w.Pair(1, "new-flows-per-second", Number(d.NewFlowsPerSecond));
        w.Pair(1, "tun-device", Quote(d.TunDevice));
        w.Pair(1, "stats-file", Quote(d.StatsFile));
        w.Pair(1, "admin-socket", Quote(d.AdminSocket));
        OptionalPair(w, 1, "admin-listen", d.AdminListen);
        OptionalPair(w, 1, "admin-token", d.AdminToken);
        OptionalPair(w, 1, "metrics-listen", d.MetricsListen);
        OptionalPair(w, 1, "state-file", d.StateFile);
        FlowTimeouts timeouts = d.Timeouts;
        w.Pair(1, "timeouts", string.Create(
            CultureInfo.InvariantCulture,
            $"{{tcp: {Seconds(timeouts.TcpEstablished)}, tcp-fin: {Seconds(timeouts.TcpClosing)}, tcp-syn: {Seconds(timeouts.TcpSyn)}, udp: {Seconds(timeouts.Udp)}}}"));

        if (d.Announce is { } announce)
        {
            w.Line(0, "announce:");
            w.Pair(1, "table", Number(announce.Table));
            w.Pair(1, "interval", Seconds(announce.Interval));
            w.Pair(1, "stall-after", Seconds(announce.StallAfter));
        }

        w.Line(0, config.Balancer.Services.Count == 0 ? "services: []" : "services:");
        foreach (ServiceDefinition service in config.Balancer.Services)
        {
            WriteService(w, service, config.SettingsFor(service.Key));
        }
    }

    private static void WriteService(Lines w, ServiceDefinition service, ServiceSettings settings)
    {
        w.Line(1, $"- protocol: {(service.Protocol == IpProtocol.Udp ? "udp" : "tcp")}");
        w.Pair(2, "vip", service.Vip.ToString());
        w.Pair(2, "port", Number(service.Port));
        w.Pair(2, "scheduler", SchedulerNames.ToName(service.Scheduler));
        List<string> flags = Flags(service);
        if (flags.Count > 0)
        {
            w.Pair(2, "scheduler-flags", $"[{string.Join(", ", flags)}]");
        }

        if (service.Persistence is { } persistence)
        {
            w.Pair(2, "persistence-timeout", Seconds(persistence.Timeout));
            if (persistence.PrefixLengthV4 != 32)
            {
                w.Pair(2, "persistence-netmask", "/" + Number(persistence.PrefixLengthV4));
            }

            if (persistence.PrefixLengthV6 != 128)
            {
                w.Pair(2, "persistence-prefix-v6", Number(persistence.PrefixLengthV6));
            }
        }

        if (settings.HealthCheck is { } check)
        {
            w.Line(2, "health-check:");
            WriteCheck(w, 3, check);
        }

        if (settings.Quorum != 1)
        {
            w.Pair(2, "quorum", Number(settings.Quorum));
        }

        if (settings.SorryServer is { } sorry)
        {
            w.Pair(2, "sorry-server", sorry.ToString());
        }

        w.Line(2, service.Reals.Count == 0 ? "reals: []" : "reals:");
        foreach (RealDefinition real in service.Reals)
        {
            w.Line(3, $"- address: {real.Address}");
            if (real.Port != 0)
            {
                w.Pair(4, "port", Number(real.Port));
            }

            w.Pair(4, "weight", Number(real.Weight));
            if (real.DataCenter.Length > 0)
            {
                w.Pair(4, "dc", Quote(real.DataCenter));
            }

            if (real.State == RealState.Draining)
            {
                // Drained at run time (ctl drain-real): a restart must not put it back into service.
                w.Pair(4, "state", "draining");
            }

            if (real.Tunnel is { } tunnel)
            {
                w.Pair(4, "encapsulation", tunnel == TunnelKind.Gue ? "gue" : "ipip");
            }

            if (settings.RealHealthChecks is { } overrides && overrides.TryGetValue(real.Address, out HealthCheckSettings? realCheck))
            {
                // Written in full: the reader merges a real's check over the service's, so a complete one reads back equal.
                w.Line(4, "health-check:");
                WriteCheck(w, 5, realCheck);
            }
        }
    }

    private static void WriteCheck(Lines w, int depth, HealthCheckSettings check)
    {
        w.Pair(depth, "kind", check.Kind.ToString().ToLowerInvariant());
        if (check.Port is { } port)
        {
            w.Pair(depth, "port", Number(port));
        }

        if (check.IsHttp)
        {
            w.Pair(depth, "path", Quote(check.Path));
            w.Pair(depth, "status", Number(check.Status));
            OptionalPair(w, depth, "body-contains", check.BodyContains);
            OptionalPair(w, depth, "host", check.Host);
        }

        OptionalPair(w, depth, "command", check.Command);
        w.Pair(depth, "interval", Seconds(check.Interval));
        w.Pair(depth, "timeout", Seconds(check.Timeout));
        w.Pair(depth, "rise", Number(check.Rise));
        w.Pair(depth, "fall", Number(check.Fall));
        if (check.Jitter != 0)
        {
            w.Pair(depth, "jitter", check.Jitter.ToString("R", CultureInfo.InvariantCulture));
        }

        w.Pair(depth, "on-failure", check.OnFailure == FailureAction.Remove ? "remove" : "inhibit");
    }

    private static List<string> Flags(ServiceDefinition service)
    {
        var flags = new List<string>();
        string prefix = service.Scheduler switch
        {
            SchedulerKind.SourceHashing => "sh",
            SchedulerKind.Maglev => "mh",
            _ => string.Empty,
        };
        if (prefix.Length > 0 && service.HashSourcePort)
        {
            flags.Add(prefix + "-port");
        }

        if (prefix.Length > 0 && service.Fallback)
        {
            flags.Add(prefix + "-fallback");
        }

        return flags;
    }

    private static void OptionalPair(Lines w, int depth, string key, string? value)
    {
        if (value is not null)
        {
            w.Pair(depth, key, Quote(value));
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A YAML double-quoted scalar: safe for any text (colons, '#', leading spaces, "yes").</summary>
    internal static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2);
        quoted.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\r': quoted.Append("\\r"); break;
                default:
                    if (char.IsControl(c))
                    {
                        quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    private sealed class Lines(TextWriter output)
    {
        public void Line(int depth, string text)
        {
            output.Write(new string(' ', depth * 2));
            output.Write(text);
            output.Write('\n');
        }

        public void Pair(int depth, string key, string value) => Line(depth, $"{key}: {value}");
    }
}
