using System.Runtime.CompilerServices;

namespace Longhaul.Config.Tests.Import;

/// <summary>
/// Expected-output files under Samples/. Set LONGHAUL_UPDATE_GOLDEN=1 to rewrite them in the source tree from the
/// actual output, then review the diff like any code change.
/// </summary>
internal static class Golden
{
    public static string SamplesDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "Samples");

    public static string Sample(string name) => Path.Combine(SamplesDirectory, name);

    public static void AssertMatches(string expectedName, string actual)
    {
        string path = Sample(expectedName);
        if (Environment.GetEnvironmentVariable("LONGHAUL_UPDATE_GOLDEN") == "1")
        {
            // Review the diff before committing: the update run itself cannot tell right from wrong.
            File.WriteAllText(Path.Combine(SourceSamplesDirectory(), expectedName), actual);
            return;
        }

        Assert.True(File.Exists(path), $"{expectedName} is missing; run once with LONGHAUL_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string SourceSamplesDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Samples");
}
