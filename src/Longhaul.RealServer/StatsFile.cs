using System.Text.Json;

namespace Longhaul.RealServer;

/// <summary>Writes the stats JSON atomically: a reader (the lab, a monitoring script) never sees half a file.</summary>
public static class StatsFile
{
    public static void Write(string path, AgentStats stats)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(stats);
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Same directory, so the rename is atomic (rename(2) within one file system).
        string temporary = $"{full}.{Environment.ProcessId}.tmp";
        using (FileStream stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, stats, AgentStatsJsonContext.Default.AgentStats);
            stream.WriteByte((byte)'\n');
        }

        File.Move(temporary, full, overwrite: true);
    }

    public static AgentStats? Read(string path) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(path), AgentStatsJsonContext.Default.AgentStats);
}
