using System.Text.Json;

namespace Longhaul.Director.Stats;

/// <summary>Writes the stats file atomically: readers see the previous file or the new one, never half of one.</summary>
public static class StatsFile
{
    public static void Write(string path, DirectorStats stats)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(stats);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Same directory, so the rename stays within one file system and replaces the file in one step.
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, Serialize(stats));
        File.Move(temporary, path, overwrite: true);
    }

    public static byte[] Serialize(DirectorStats stats) =>
        JsonSerializer.SerializeToUtf8Bytes(stats, DirectorJsonContext.Default.DirectorStats);

    public static DirectorStats? Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, DirectorJsonContext.Default.DirectorStats);
}
