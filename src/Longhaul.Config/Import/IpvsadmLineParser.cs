namespace Longhaul.Config.Import;

/// <summary>
/// Splits one rules line the way ipvsadm -R does (config_stream.c): white-space separated tokens, any token
/// <c>ipvsadm</c> dropped, everything from a <c>#</c> on a comment. Then reads the options with getopt's
/// conventions: <c>-s rr</c>, <c>-srr</c>, <c>--scheduler rr</c>, <c>--scheduler=rr</c>.
/// </summary>
internal static class IpvsadmLineParser
{
    private static readonly Dictionary<string, IpvsadmOption> s_long = IpvsadmOption.All.GroupBy(o => o.Long).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    private static readonly Dictionary<char, IpvsadmOption> s_short = IpvsadmOption.All.Where(o => o.Short != '\0').ToDictionary(o => o.Short);

    /// <summary>The invocation on <paramref name="text"/>, or null for a blank or comment line or one with errors (reported).</summary>
    public static IpvsadmInvocation? Parse(string text, int line, string file, ImportNotes notes)
    {
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        string content = hash >= 0 ? text[..hash] : text;
        var tokens = content.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t != "ipvsadm" && !t.EndsWith("/ipvsadm", StringComparison.Ordinal))
            .ToList();
        if (tokens.Count == 0)
        {
            return null;
        }

        var invocation = new IpvsadmInvocation(line);
        int errors = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (!TryResolve(token, out IpvsadmOption? option, out string? attached))
            {
                notes.AddError(file, line, token, token.StartsWith('-') ? "unknown ipvsadm option" : "unexpected value (every value follows its option)");
                errors++;
                continue;
            }

            string? value = attached;
            switch (option.Arity)
            {
                case IpvsadmArity.None when attached is not null:
                    notes.AddError(file, line, token, "this option takes no value");
                    errors++;
                    continue;
                case IpvsadmArity.Required when value is null:
                    if (i + 1 >= tokens.Count)
                    {
                        notes.AddError(file, line, token, "needs a value");
                        errors++;
                        continue;
                    }

                    value = tokens[++i];
                    break;
                case IpvsadmArity.Optional when value is null && i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-'):
                    value = tokens[++i];
                    break;
                case IpvsadmArity.Three:
                    if (attached is not null)
                    {
                        invocation.SetValues.Add(attached);
                    }

                    while (invocation.SetValues.Count < 3 && i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-'))
                    {
                        invocation.SetValues.Add(tokens[++i]);
                    }

                    if (invocation.SetValues.Count != 3)
                    {
                        notes.AddError(file, line, token, "needs three values: tcp tcpfin udp (seconds, 0 = unchanged)");
                        errors++;
                    }

                    break;
            }

            if (option.IsCommand)
            {
                if (invocation.Command is not null)
                {
                    notes.AddError(file, line, token, $"a second command on one line (already {invocation.CommandText})");
                    errors++;
                    continue;
                }

                invocation.Command = option.Long;
                invocation.CommandText = token;
                continue;
            }

            if (!invocation.Options.TryAdd(option.Long, value))
            {
                notes.AddError(file, line, token, "given twice on one line");
                errors++;
            }
        }

        if (errors == 0 && invocation.Command is null)
        {
            notes.AddError(file, line, string.Empty, "no command (-A, -E, -D, -C, -a, -e, -d) on this line");
            errors++;
        }

        return errors == 0 ? invocation : null;
    }

    private static bool TryResolve(string token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IpvsadmOption? option, out string? attached)
    {
        attached = null;
        option = null;
        if (token.StartsWith("--", StringComparison.Ordinal))
        {
            int equals = token.IndexOf('=', StringComparison.Ordinal);
            string name = equals >= 0 ? token[2..equals] : token[2..];
            attached = equals >= 0 ? token[(equals + 1)..] : null;
            return s_long.TryGetValue(name, out option);
        }

        if (token.Length >= 2 && token[0] == '-' && s_short.TryGetValue(token[1], out option))
        {
            attached = token.Length > 2 ? token[2..] : null;
            return true;
        }

        return false;
    }
}
