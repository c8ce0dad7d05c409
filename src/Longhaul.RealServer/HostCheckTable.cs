namespace Longhaul.RealServer;

/// <summary>Prints the checks as a table, each missing item followed by the command that fixes it.</summary>
public static class HostCheckTable
{
    public static void Write(TextWriter output, IReadOnlyList<HostCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(checks);
        int nameWidth = Math.Max("CHECK".Length, checks.Count == 0 ? 0 : checks.Max(c => c.Name.Length));
        output.WriteLine($"{"STATUS",-8} {"CHECK".PadRight(nameWidth)}  DETAIL");
        foreach (HostCheck check in checks)
        {
            string status = check.Status switch
            {
                HostCheckStatus.Ok => "OK",
                HostCheckStatus.Missing => "MISSING",
                _ => "INFO",
            };
            output.WriteLine($"{status,-8} {check.Name.PadRight(nameWidth)}  {check.Detail}");
            if (check.Status == HostCheckStatus.Missing && check.Fix is not null)
            {
                string indent = $"{"",-8} {"".PadRight(nameWidth)}  ";
                string[] lines = check.Fix.Split('\n');
                output.WriteLine($"{indent}fix: {lines[0]}");
                foreach (string line in lines.Skip(1))
                {
                    output.WriteLine($"{indent}     {line}");
                }
            }
        }

        int missing = checks.Count(c => c.Status == HostCheckStatus.Missing);
        output.WriteLine();
        output.WriteLine(missing == 0
            ? "This host is ready to be an LVS-Tun real server."
            : $"{missing} thing(s) missing for LVS-Tun; run the fixes above, or start `longhaul realserver run`, which does all of it.");
    }
}
