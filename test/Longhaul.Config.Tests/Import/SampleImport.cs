using System.Text;
using Longhaul.Config.Import;
using Longhaul.Packets;

namespace Longhaul.Config.Tests.Import;

/// <summary>Runs an importer on a sample the way the CLI does, and renders its lists as the .expected.txt files hold them.</summary>
internal static class SampleImport
{
    public static ImportOptions WithSources { get; } = new(NetAddress.Parse("192.0.2.2"), NetAddress.Parse("2001:db8:d::2"));

    public static ImportResult Run(string sample, ImportOptions? options = null)
    {
        string path = Golden.Sample(sample);
        if (sample.EndsWith(".rules", StringComparison.Ordinal))
        {
            using var reader = new StreamReader(path);
            return IpvsadmImporter.Import(reader, sample, options);
        }

        return KeepalivedImporter.Import(path, options);
    }

    /// <summary>The three lists, with the machine-specific samples directory cut from keepalived paths.</summary>
    public static string Describe(ImportResult result)
    {
        var text = new StringBuilder();
        Append(text, "unmapped", result.Unmapped);
        Append(text, "warnings", result.Warnings);
        Append(text, "to do", result.ToDo);
        return text.ToString().Replace(Golden.SamplesDirectory + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
    }

    private static void Append(StringBuilder text, string title, IReadOnlyList<string> items)
    {
        text.Append(title).Append(':').Append('\n');
        foreach (string item in items)
        {
            text.Append("  ").Append(item).Append('\n');
        }
    }
}
