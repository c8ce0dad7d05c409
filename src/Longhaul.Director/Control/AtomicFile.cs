namespace Longhaul.Director.Control;

/// <summary>
/// Replaces a file in one step: the text goes to a temporary file in the same directory, is flushed to disk,
/// and is renamed over the target, so a crash leaves the old file or the new one, never half of one.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(text);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? "/";
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(full) && !OperatingSystem.IsWindows())
            {
                // Keep the mode of the file it replaces (a config holding an admin token is often 0600).
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
