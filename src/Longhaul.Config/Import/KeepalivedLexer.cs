namespace Longhaul.Config.Import;

/// <summary>
/// keepalived.conf to located words: white space separates words, <c>{</c> and <c>}</c> are words of their own,
/// <c>"..."</c> is one word, and a word starting with <c>!</c> or <c>#</c> starts a comment. <c>include PATTERN</c>
/// is expanded in place, as keepalived does, with the pattern relative to the including file's directory.
/// </summary>
internal static class KeepalivedLexer
{
    private const int MaxIncludeDepth = 16;

    public static List<KeepalivedToken> Read(string path, ImportNotes notes)
    {
        var tokens = new List<KeepalivedToken>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot read: {e.Message}";
            notes.AddError(path, 0, string.Empty, reason);
            return tokens;
        }

        ReadLines(path, lines, tokens, notes, depth: 0, [Path.GetFullPath(path)]);
        return tokens;
    }

    private static void ReadLines(string file, string[] lines, List<KeepalivedToken> tokens, ImportNotes notes, int depth, HashSet<string> open)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            List<KeepalivedToken> words = Split(file, i + 1, lines[i], notes);
            if (words.Count >= 1 && !words[0].Quoted && words[0].Text == "include")
            {
                if (words.Count != 2)
                {
                    notes.AddError(file, i + 1, "include", "needs exactly one file name or pattern");
                    continue;
                }

                Include(file, i + 1, words[1].Text, tokens, notes, depth, open);
                continue;
            }

            tokens.AddRange(words);
        }
    }

    private static void Include(string file, int line, string pattern, List<KeepalivedToken> tokens, ImportNotes notes, int depth, HashSet<string> open)
    {
        if (depth >= MaxIncludeDepth)
        {
            notes.AddError(file, line, "include", $"includes nest deeper than {MaxIncludeDepth} files");
            return;
        }

        // Relative to the including file, spelled as the operator gave it (no "./" for a file in the current directory).
        string baseDirectory = Path.GetDirectoryName(file) ?? string.Empty;
        string combined = Path.IsPathRooted(pattern) ? pattern : Path.Combine(baseDirectory, pattern);
        bool glob = pattern.AsSpan().IndexOfAny('*', '?', '[') >= 0;
        List<string> files;
        if (!glob)
        {
            if (!File.Exists(combined))
            {
                notes.AddError(file, line, "include", $"{combined}: no such file");
                return;
            }

            files = [combined];
        }
        else
        {
            files = Glob(combined);
            if (files.Count == 0)
            {
                notes.AddWarning(file, line, $"include {pattern}: matches no file");
                return;
            }
        }

        foreach (string included in files)
        {
            string full = Path.GetFullPath(included);
            if (!open.Add(full))
            {
                notes.AddError(file, line, "include", $"{included} includes itself");
                continue;
            }

            try
            {
                ReadLines(included, File.ReadAllLines(included), tokens, notes, depth + 1, open);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                notes.AddError(file, line, "include", $"{included}: cannot read: {e.Message}");
            }

            open.Remove(full);
        }
    }

    /// <summary>Wildcards in the file-name part (<c>*</c>, <c>?</c>, <c>[abc]</c>), files in name order as glob(3) returns them.</summary>
    private static List<string> Glob(string pattern)
    {
        string directory = Path.GetDirectoryName(pattern) ?? string.Empty;
        string name = Path.GetFileName(pattern);
        if (directory.Length > 0 && !Directory.Exists(directory))
        {
            return [];
        }

        var regex = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(name).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal).Replace("\\[", "[", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        return [.. Directory.EnumerateFiles(directory.Length > 0 ? directory : ".")
            .Select(f => Path.Combine(directory, Path.GetFileName(f)))
            .Where(f => regex.IsMatch(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)];
    }

    private static List<KeepalivedToken> Split(string file, int line, string text, ImportNotes notes)
    {
        var words = new List<KeepalivedToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '!' or '#')
            {
                break;
            }
            else if (c is '{' or '}')
            {
                words.Add(new KeepalivedToken(file, line, c.ToString(), Quoted: false));
                i++;
            }
            else if (c == '"')
            {
                int close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    notes.AddError(file, line, string.Empty, "unterminated quoted string");
                    break;
                }

                words.Add(new KeepalivedToken(file, line, text[(i + 1)..close], Quoted: true));
                i = close + 1;
            }
            else
            {
                int start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('{' or '}' or '"'))
                {
                    i++;
                }

                words.Add(new KeepalivedToken(file, line, text[start..i], Quoted: false));
            }
        }

        return words;
    }
}
