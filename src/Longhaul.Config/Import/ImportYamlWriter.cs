using System.Globalization;
using System.Text;
using Longhaul.Packets;

namespace Longhaul.Config.Import;

/// <summary>
/// Writes an <see cref="ImportedDefinition"/> as Longhaul YAML: the contract's key names in a fixed order,
/// defaults the source relied on written out (the scheduler, on-failure), and every caveat as a
/// <c># import:</c> comment beside the thing it concerns.
/// </summary>
internal static class ImportYamlWriter
{
    /// <summary>Not an address, so the YAML reader refuses the file, at this line, until it is replaced.</summary>
    public const string Placeholder = "REPLACE-ME";

    private static readonly string[] s_yamlWords = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"];

    public static string Write(ImportedDefinition definition, ImportOptions options, string header, ImportNotes notes)
    {
        (string encapsulation, int guePort) = TunnelResolver.Resolve(definition, notes);
        var text = new StringBuilder();
        foreach (string line in header.Split('\n'))
        {
            text.Append("# ").Append(line).Append('\n');
        }

        WriteDirector(text, definition, options, encapsulation, guePort, notes);
        if (definition.Services.Count == 0)
        {
            text.Append("services: []\n");
            return text.ToString();
        }

        text.Append("services:\n");
        foreach (ImportedService service in definition.Services)
        {
            WriteService(text, service);
        }

        return text.ToString();
    }

    private static void WriteDirector(StringBuilder text, ImportedDefinition definition, ImportOptions options, string encapsulation, int guePort, ImportNotes notes)
    {
        bool anyV6 = definition.Services.Any(s => s.Reals.Any(r => !r.Address.IsIPv4) || s.SorryServer is { IsIPv4: false });
        bool anyV4 = definition.Services.Count == 0
            || definition.Services.Any(s => s.Reals.Any(r => r.Address.IsIPv4) || s.SorryServer is { IsIPv4: true });
        text.Append("director:\n");
        WriteTunnelSource(text, "tunnel-source", "IPv4", options.TunnelSourceV4, anyV4, notes);
        WriteTunnelSource(text, "tunnel-source-v6", "IPv6", options.TunnelSourceV6, anyV6, notes);
        text.Append("  encapsulation: ").Append(encapsulation).Append('\n');
        bool usesGue = encapsulation == "gue" || definition.Services.Any(s => s.Reals.Any(r => r.EncapsulationOverride == "gue"));
        if (usesGue)
        {
            text.Append("  gue-port: ").Append(Number(guePort)).Append('\n');
        }

        if (definition.Timeouts is { } timeouts && (timeouts.Tcp | timeouts.TcpFin | timeouts.Udp) != 0)
        {
            var parts = new List<string>(3);
            AddTimeout(parts, "tcp", timeouts.Tcp);
            AddTimeout(parts, "tcp-fin", timeouts.TcpFin);
            AddTimeout(parts, "udp", timeouts.Udp);
            text.Append("  timeouts: {").Append(string.Join(", ", parts)).Append("}\n");
        }
    }

    private static void WriteTunnelSource(StringBuilder text, string key, string family, NetAddress given, bool needed, ImportNotes notes)
    {
        if (!given.IsNone)
        {
            text.Append("  ").Append(key).Append(": ").Append(Scalar(given.ToString())).Append('\n');
            return;
        }

        if (!needed)
        {
            return;
        }

        text.Append("  # import: TO DO: the director's own routable ").Append(family)
            .Append(" address (outer source of the tunnels); the file is invalid until ").Append(Placeholder).Append(" is replaced\n");
        text.Append("  ").Append(key).Append(": ").Append(Placeholder).Append('\n');
        notes.AddToDo($"set director.{key} to the director's own routable {family} address (or re-run with --tunnel-source ADDR); until then the YAML does not validate");
    }

    private static void AddTimeout(List<string> parts, string name, int seconds)
    {
        if (seconds > 0)
        {
            parts.Add($"{name}: {Number(seconds)}");
        }
    }

    private static void WriteService(StringBuilder text, ImportedService service)
    {
        WriteComments(text, "  ", service.Comments);
        text.Append("  - protocol: ").Append(service.Protocol == IpProtocol.Udp ? "udp" : "tcp").Append('\n');
        const string Indent = "    ";
        text.Append(Indent).Append("vip: ").Append(Scalar(service.Vip.ToString())).Append('\n');
        text.Append(Indent).Append("port: ").Append(Number(service.Port)).Append('\n');
        text.Append(Indent).Append("scheduler: ").Append(service.Scheduler).Append('\n');
        if ((service.HashSourcePort || service.Fallback) && service.Scheduler is "sh" or "mh")
        {
            var flags = new List<string>(2);
            if (service.Fallback)
            {
                flags.Add($"{service.Scheduler}-fallback");
            }

            if (service.HashSourcePort)
            {
                flags.Add($"{service.Scheduler}-port");
            }

            text.Append(Indent).Append("scheduler-flags: [").Append(string.Join(", ", flags)).Append("]\n");
        }

        if (service.PersistenceTimeout > 0)
        {
            text.Append(Indent).Append("persistence-timeout: ").Append(Number(service.PersistenceTimeout)).Append('\n');
            if (service.PersistencePrefix is { } prefix)
            {
                if (service.IsIPv4 && prefix < 32)
                {
                    text.Append(Indent).Append("persistence-netmask: ").Append(ImportFormat.MaskOfPrefixLength(prefix)).Append('\n');
                }
                else if (!service.IsIPv4 && prefix < 128)
                {
                    text.Append(Indent).Append("persistence-prefix-v6: ").Append(Number(prefix)).Append('\n');
                }
            }
        }

        if (service.Quorum is { } quorum)
        {
            text.Append(Indent).Append("quorum: ").Append(Number(quorum)).Append('\n');
        }

        if (service.SorryServer is { } sorry)
        {
            text.Append(Indent).Append("sorry-server: ").Append(Scalar(sorry.ToString())).Append('\n');
        }

        if (service.HealthCheck is { } check)
        {
            WriteHealthCheck(text, Indent, check);
        }

        if (service.Reals.Count == 0)
        {
            text.Append(Indent).Append("reals: []\n");
            return;
        }

        text.Append(Indent).Append("reals:\n");
        foreach (ImportedReal real in service.Reals)
        {
            WriteReal(text, real);
        }
    }

    private static void WriteReal(StringBuilder text, ImportedReal real)
    {
        const string Indent = "        ";
        WriteComments(text, "      ", real.Comments);
        text.Append("      - address: ").Append(Scalar(real.Address.ToString())).Append('\n');
        text.Append(Indent).Append("weight: ").Append(Number(real.Weight)).Append('\n');
        if (real.EncapsulationOverride is { } encapsulation)
        {
            text.Append(Indent).Append("encapsulation: ").Append(encapsulation).Append('\n');
        }

        if (real.HealthCheck is { } check)
        {
            WriteHealthCheck(text, Indent, check);
        }
    }

    private static void WriteHealthCheck(StringBuilder text, string indent, ImportedHealthCheck check)
    {
        string inner = indent + "  ";
        text.Append(indent).Append("health-check:\n");
        if (check.Kind is "tcp" or "http" or "https")
        {
            text.Append(inner).Append("# import: keepalived checks the real's own address; 'kind: tunnel' would check through the tunnel, the path client packets take\n");
        }

        text.Append(inner).Append("kind: ").Append(check.Kind).Append('\n');
        if (check.Port is { } port)
        {
            text.Append(inner).Append("port: ").Append(Number(port)).Append('\n');
        }

        AppendIfSet(text, inner, "path", check.Path);
        if (check.Status is { } status)
        {
            text.Append(inner).Append("status: ").Append(Number(status)).Append('\n');
        }

        AppendIfSet(text, inner, "host", check.Host);
        AppendIfSet(text, inner, "command", check.Command);
        text.Append(inner).Append("interval: ").Append(ImportFormat.Seconds(check.Interval)).Append('\n');
        text.Append(inner).Append("timeout: ").Append(ImportFormat.Seconds(check.Timeout)).Append('\n');
        text.Append(inner).Append("rise: ").Append(Number(check.Rise)).Append('\n');
        text.Append(inner).Append("fall: ").Append(Number(check.Fall)).Append('\n');
        text.Append(inner).Append("on-failure: ").Append(check.OnFailure).Append('\n');
    }

    private static void AppendIfSet(StringBuilder text, string indent, string key, string? value)
    {
        if (value is not null)
        {
            text.Append(indent).Append(key).Append(": ").Append(Scalar(value)).Append('\n');
        }
    }

    private static void WriteComments(StringBuilder text, string indent, List<string> comments)
    {
        foreach (string comment in comments)
        {
            text.Append(indent).Append("# import: ").Append(comment.ReplaceLineEndings(" ")).Append('\n');
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Plain when YAML reads it back as the same string, double-quoted otherwise.</summary>
    internal static string Scalar(string value)
    {
        bool plain = value.Length > 0
            && (char.IsAsciiLetterOrDigit(value[0]) || value[0] == '/')
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '@' or '+' or '=')
            && !value.EndsWith(':')
            && !s_yamlWords.Contains(value, StringComparer.OrdinalIgnoreCase);
        if (plain)
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\t' => quoted.Append("\\t"),
                _ when char.IsControl(c) => quoted.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
