using Longhaul.Config.Import;

namespace Longhaul.Config.Tests.Import;

/// <summary>Each sample imports to exactly its expected YAML and its expected unmapped/warning/to-do lists.</summary>
public sealed class ImportGoldenTests
{
    public static TheoryData<string> Samples => new()
    {
        "ipvsadm-save-131.rules",
        "ipvsadm-legacy.rules",
        "keepalived-tun.conf",
        "keepalived-mixed.conf",
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Import_Sample_GivesExpectedYamlAndLists(string sample)
    {
        ImportResult result = SampleImport.Run(sample);

        Golden.AssertMatches($"{sample}.expected.yaml", result.Yaml);
        Golden.AssertMatches($"{sample}.expected.txt", SampleImport.Describe(result));
    }
}
