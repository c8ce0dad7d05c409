using System.Globalization;

namespace Longhaul.Config.Import;

/// <summary>
/// Longhaul has one encapsulation and one GUE port per director, with a per-real encapsulation override; ipvsadm
/// and keepalived set both per real. The most common choice becomes the director's, the others become overrides,
/// and whatever still differs (a second GUE port, checksum options) is listed.
/// </summary>
internal static class TunnelResolver
{
    public const int DefaultGuePort = 6080;

    public static (string Encapsulation, int GuePort) Resolve(ImportedDefinition definition, ImportNotes notes)
    {
        int ipip = 0;
        int gue = 0;
        var guePorts = new Dictionary<int, int>();
        foreach (ImportedReal real in AllReals(definition))
        {
            switch (real.Tunnel.Kind)
            {
                case "ipip":
                    ipip++;
                    break;
                case "gue":
                    gue++;
                    guePorts[real.Tunnel.GuePort] = guePorts.GetValueOrDefault(real.Tunnel.GuePort) + 1;
                    break;
            }
        }

        string encapsulation = gue > ipip ? "gue" : "ipip";
        int guePort = DefaultGuePort;
        int best = 0;
        foreach ((int port, int count) in guePorts.OrderBy(p => p.Key))
        {
            if (count > best)
            {
                (guePort, best) = (port, count);
            }
        }

        foreach (ImportedService service in definition.Services)
        {
            foreach (ImportedReal real in service.Reals)
            {
                Apply(real, encapsulation, guePort, notes);
            }
        }

        return (encapsulation, guePort);
    }

    private static void Apply(ImportedReal real, string encapsulation, int guePort, ImportNotes notes)
    {
        string? kind = real.Tunnel.Kind;
        if (kind is not null && kind != encapsulation)
        {
            real.EncapsulationOverride = kind;
        }

        if (kind != "gue")
        {
            return;
        }

        string port = real.Tunnel.GuePort.ToString(CultureInfo.InvariantCulture);
        if (real.Tunnel.GuePort != guePort)
        {
            notes.AddUnmapped(real.File, real.Line, $"real {real.Address}: GUE port {port}: Longhaul uses one GUE port per director (gue-port: {guePort.ToString(CultureInfo.InvariantCulture)}), so this real must receive GUE on that port", real.Comments);
        }

        switch (real.Tunnel.Checksum)
        {
            case "remcsum":
                notes.AddUnmapped(real.File, real.Line, $"real {real.Address}: GUE remote checksum offload (remcsum) is not supported; Longhaul sends {(real.Address.IsIPv4 ? "a zero UDP checksum over IPv4" : "a full UDP checksum over IPv6")}", real.Comments);
                break;
            case "csum" when real.Address.IsIPv4:
                notes.AddWarning(real.File, real.Line, $"real {real.Address}: GUE with UDP checksum requested; Longhaul sends GUE over IPv4 with a zero UDP checksum (the inner packet keeps its own)", real.Comments);
                break;
            case "nocsum" when !real.Address.IsIPv4:
                notes.AddWarning(real.File, real.Line, $"real {real.Address}: GUE without UDP checksum requested; over IPv6 Longhaul always sends the checksum (RFC 8200 forbids a zero one by default)", real.Comments);
                break;
        }
    }

    private static IEnumerable<ImportedReal> AllReals(ImportedDefinition definition) => definition.Services.SelectMany(s => s.Reals);
}
