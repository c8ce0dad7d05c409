namespace Longhaul.Config.Tests;

/// <summary>
/// The file corpora: each file under Invalid/ names the one error it must produce in a comment on line 1
/// (<c># error: FILE:LINE: key: message</c>); each file under Valid/ must load and round-trip through
/// <see cref="ConfigYamlWriter"/> to the same configuration.
/// </summary>
public sealed class ConfigCorpusTests
{
    private const string ErrorPrefix = "# error: ";

    public static TheoryData<string> InvalidFiles() => Files("Invalid");

    public static TheoryData<string> ValidFiles() => Files("Valid");

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Load_InvalidFile_ReportsTheErrorNamedOnLineOne(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Invalid", name);
        string firstLine = File.ReadLines(path).First();
        Assert.StartsWith(ErrorPrefix, firstLine, StringComparison.Ordinal);

        var e = Assert.Throws<ConfigException>(() => DirectorConfig.Parse(File.ReadAllText(path), name));

        Assert.Equal(firstLine[ErrorPrefix.Length..], Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void InvalidCorpus_HasManyFiles()
    {
        Assert.True(InvalidFiles().Count >= 30, $"only {InvalidFiles().Count} invalid files were copied next to the tests");
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Write_ValidFile_ReadsBackToTheSameConfiguration(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Valid", name);
        DirectorConfig original = DirectorConfig.Parse(File.ReadAllText(path), name);

        string written = ConfigYamlWriter.ToYaml(original);
        DirectorConfig reread = DirectorConfig.Parse(written, name);

        ConfigAssert.Equivalent(original, reread);
        Assert.Equal(written, ConfigYamlWriter.ToYaml(reread));
    }

    private static TheoryData<string> Files(string folder)
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
