using System.Globalization;

namespace Longhaul.Lab.Processes;

/// <summary>Reads the few fields of /proc/PID/stat the lab needs.</summary>
internal static class ProcessStat
{
    /// <summary>The process's state letter and start time in clock ticks after boot; false if there is no such process.</summary>
    public static bool TryRead(int pid, out long startTime, out char state)
    {
        startTime = 0;
        state = '?';
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // "PID (COMM) STATE ..." where COMM may hold spaces and parentheses: fields count from the last ')'.
        int close = text.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        string[] fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20)
        {
            return false;
        }

        state = fields[0][0];
        return long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out startTime);
    }
}
