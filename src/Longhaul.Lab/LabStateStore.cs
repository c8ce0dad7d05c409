using System.Text.Json;

namespace Longhaul.Lab;

/// <summary>Reads and writes the state file atomically (write a temporary file, then rename over).</summary>
public static class LabStateStore
{
    public static void Write(LabPaths paths, LabState state)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Directory.CreateDirectory(paths.Root);
        string temporary = paths.StateFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, LabJsonContext.Default.LabState));
        File.Move(temporary, paths.StateFile, overwrite: true);
    }

    public static LabState? Read(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!File.Exists(paths.StateFile))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(paths.StateFile), LabJsonContext.Default.LabState);
        }
        catch (JsonException e)
        {
            throw new LabException($"{paths.StateFile} is unreadable ({e.Message}): `longhaul lab down` still cleans up by name and pid files", e);
        }
    }

    public static void Delete(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        File.Delete(paths.StateFile);
    }
}
