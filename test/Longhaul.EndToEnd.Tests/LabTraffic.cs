using Longhaul.Lab;
using Longhaul.Lab.Http;
using Longhaul.Lab.Topology;

namespace Longhaul.EndToEnd.Tests;

/// <summary>Helpers the tests share: many requests through a VIP, each checked against the scheduler's pick.</summary>
internal static class LabTraffic
{
    public static List<LabDemoOutcome> Requests(LonghaulLab lab, bool ipv6, int count, string path = "/", TimeSpan? timeout = null)
    {
        string vip = ipv6 ? LabTopology.VipV6 : LabTopology.VipV4;
        string client = ipv6 ? LabTopology.ClientAddressV6 : LabTopology.ClientAddressV4;
        var predictor = new SpreadPredictor(lab.Topology);
        var outcomes = new LabDemoOutcome[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            LabHttpResult result = lab.Client.Get(vip, path, timeout ?? TimeSpan.FromSeconds(3));
            LabReal? predicted = result.LocalPort > 0 ? predictor.Predict(client, result.LocalPort, vip) : null;
            LabReal? answered = result.Ok ? lab.Topology.FindReal(result.Real, result.DataCenter) : null;
            outcomes[i] = new LabDemoOutcome(result, predicted, answered);
        });
        return [.. outcomes];
    }

    /// <summary>What the sockets of failed requests look like on the client and on the predicted real (ss).</summary>
    public static string Sockets(IEnumerable<LabDemoOutcome> failed)
    {
        var text = new System.Text.StringBuilder();
        foreach (LabDemoOutcome o in failed)
        {
            text.AppendLine($"-- port {o.Result.LocalPort}, predicted {o.Predicted?.Id}");
            text.AppendLine(Ss(LabTopology.ClientNamespace, $"( sport = :{o.Result.LocalPort} )"));
            if (o.Predicted is { } real)
            {
                text.AppendLine(Ss(real.Namespace, $"( dport = :{o.Result.LocalPort} )"));
            }
        }

        return text.ToString();
    }

    private static string Ss(string ns, string filter)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ip", ["netns", "exec", ns, "ss", "-tanoi", filter]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return ns + ": " + output.Trim();
    }

    public static string Describe(IEnumerable<LabDemoOutcome> outcomes) =>
        string.Join("; ", outcomes.Select(o => o.Result.Ok
            ? $"port {o.Result.LocalPort}: {o.Answered?.Id} (predicted {o.Predicted?.Id})"
            : $"port {o.Result.LocalPort}: {o.Result.Error} (predicted {o.Predicted?.Id})"));
}
