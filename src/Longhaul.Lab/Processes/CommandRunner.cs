using System.ComponentModel;
using System.Diagnostics;

namespace Longhaul.Lab.Processes;

/// <summary>
/// Runs a short-lived helper (nft, ip netns exec ...) to completion with a time limit. Arguments go through
/// <see cref="ProcessStartInfo.ArgumentList"/>, never a shell string.
/// </summary>
internal static class CommandRunner
{
    public static string Run(string program, IReadOnlyList<string> arguments, string? standardInput = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        string commandLine = program + " " + string.Join(' ', arguments);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new LabException($"{commandLine}: the process did not start");
        }
        catch (Win32Exception e)
        {
            throw new LabException($"cannot run {program}: {e.Message}");
        }

        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (standardInput is not null)
            {
                process.StandardInput.Write(standardInput);
                process.StandardInput.Close();
            }

            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new LabException($"{commandLine}: timed out");
            }

            process.WaitForExit();
            return process.ExitCode == 0
                ? output.GetAwaiter().GetResult()
                : throw new LabException($"{commandLine}: exit code {process.ExitCode}: {error.GetAwaiter().GetResult().Trim()}");
        }
    }
}
