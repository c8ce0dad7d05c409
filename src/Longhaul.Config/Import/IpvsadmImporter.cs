namespace Longhaul.Config.Import;

/// <summary>
/// Imports an ipvsadm rules file (<c>ipvsadm -S -n</c> / <c>ipvsadm-save -n</c> output, or anything written for
/// <c>ipvsadm -R</c>) as Longhaul YAML. Commands are applied in order (-A/-E/-D/-C for services, -a/-e/-d for
/// reals), so the result is the table ipvsadm -R would have built.
/// </summary>
public static class IpvsadmImporter
{
    /// <param name="source">Names the input in messages (<c>rules.txt:12: ...</c>).</param>
    /// <exception cref="ConfigException">The input is not a valid rules file; every error names its line.</exception>
    public static ImportResult Import(TextReader reader, string source, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var notes = new ImportNotes();
        ImportedDefinition definition = Read(reader, source, notes);
        notes.ThrowIfErrors();
        string header = $"Longhaul director configuration imported from {Path.GetFileName(source)} (ipvsadm rules) by 'longhaul import ipvsadm'.\n" +
            "Lines marked 'import:' need a look; the same items were listed on stderr.";
        return notes.Result(ImportYamlWriter.Write(definition, options ?? ImportOptions.Default, header, notes));
    }

    /// <summary>The services and reals the file builds, before any YAML (the round-trip tests compare these).</summary>
    internal static ImportedDefinition Read(TextReader reader, string source, ImportNotes notes)
    {
        var session = new IpvsadmSession(source, notes);
        int line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (IpvsadmLineParser.Parse(text, line, source, notes) is { } invocation)
            {
                session.Apply(invocation);
            }
        }

        return session.Finish();
    }
}
