using System.Diagnostics;

namespace Longhaul.Health.Probes;

/// <summary>
/// Runs an operator's command through <c>/bin/sh -c</c> (keepalived MISC_CHECK): exit status 0 is healthy. The
/// command learns what to check from LONGHAUL_REAL, LONGHAUL_VIP and LONGHAUL_PORT; at the timeout it is killed
/// with its children.
/// </summary>
public sealed class ExecProbe(string command, IReadOnlyDictionary<string, string> environment) : IHealthProbe
{
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellation)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return ProbeResult.Fail($"cannot run {command}: {e.Message}");
        }

        try
        {
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the timeout and the kill.
            }

            throw;
        }

        return process.ExitCode == 0 ? ProbeResult.Ok : ProbeResult.Fail($"{command} exited with {process.ExitCode}");
    }
}
