using System.CommandLine;
using Longhaul.Director.Control;
using Longhaul.Director.Control.Protocol;

namespace Longhaul.Cli.Ctl;

/// <summary>
/// <c>ctl fingerprints</c>: each service's Maglev fingerprint on one or several running directors. Directors
/// behind ECMP must agree on every flow, which holds exactly when their tables are equal: one glance (or exit
/// code 1 in a script) shows a director whose configuration or hash seed drifted.
/// </summary>
internal static class FingerprintsCommand
{
    private const int ExitAgree = 0;
    private const int ExitDiffer = 1;

    public static Command Create()
    {
        var directors = new Option<string[]>("--director", "-d")
        {
            Description = "Admin socket of a director to compare (repeatable); without it, the director ctl talks to.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command(
            "fingerprints",
            "Show each service's Maglev table fingerprint on one or more directors; exit 1 when directors disagree.")
        {
            directors,
        };
        command.SetAction(parseResult =>
        {
            string[] sockets = parseResult.GetValue(directors) is { Length: > 0 } given
                ? given
                : [parseResult.GetValue(CtlOptions.Socket) ?? AdminClient.DefaultSocket];
            return Compare(sockets, Console.Out, Console.Error);
        });
        return command;
    }

    internal static int Compare(IReadOnlyList<string> sockets, TextWriter output, TextWriter error)
    {
        // service -> (socket -> fingerprint)
        var table = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (string socket in sockets)
        {
            AdminResponse response;
            try
            {
                response = AdminClient.SendAsync(socket, new AdminRequest { Op = "list" }).GetAwaiter().GetResult();
            }
            catch (AdminUnreachableException e)
            {
                error.WriteLine($"ctl fingerprints: {e.Message}");
                return ExitDiffer;
            }

            if (!response.Ok || response.List is null)
            {
                error.WriteLine($"ctl fingerprints: {socket}: {response.Error}");
                return ExitDiffer;
            }

            foreach (ServiceEntry service in response.List.Services)
            {
                string key = $"{service.Protocol} {service.Vip}:{service.Port}";
                if (!table.TryGetValue(key, out Dictionary<string, string>? bySocket))
                {
                    table[key] = bySocket = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                bySocket[socket] = service.MaglevFingerprint;
            }
        }

        bool agree = true;
        var differ = new List<string>();
        foreach ((string service, Dictionary<string, string> bySocket) in table)
        {
            bool same = bySocket.Count == sockets.Count && bySocket.Values.Distinct(StringComparer.Ordinal).Count() == 1;
            agree &= same;
            if (!same)
            {
                differ.Add(service);
            }

            output.WriteLine($"{service,-32} {(same ? "agree" : "DIFFER")}");
            foreach (string socket in sockets)
            {
                output.WriteLine($"  {socket,-40} {bySocket.GetValueOrDefault(socket, "(service missing)")}");
            }
        }

        // One closing line a person or a script can read without scanning the table.
        output.WriteLine(agree
            ? $"all {sockets.Count} director(s) agree on every service ({table.Count})"
            : $"directors DIFFER on: {string.Join(", ", differ)}");
        return agree ? ExitAgree : ExitDiffer;
    }
}
