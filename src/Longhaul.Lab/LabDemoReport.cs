using Longhaul.Lab.Stats;
using Longhaul.Lab.Topology;

namespace Longhaul.Lab;

/// <summary>
/// What a demo run showed. The director and agent figures are differences between stats read before and
/// after the run, so earlier traffic does not count.
/// </summary>
public sealed record LabDemoReport(
    LabDemoSettings Settings,
    string Vip,
    IReadOnlyList<LabDemoOutcome> Outcomes,
    TimeSpan Elapsed,
    DirectorStats? DirectorBefore,
    DirectorStats? DirectorAfter,
    IReadOnlyDictionary<LabReal, long> AgentDecapsulated,
    IReadOnlyDictionary<string, long> IspFilterDrops)
{
    public int Succeeded => Outcomes.Count(o => o.Result.Ok);

    public int Failed => Outcomes.Count - Succeeded;

    /// <summary>Answers that came from a real other than the one the scheduler predicts.</summary>
    public int Mispredicted => Outcomes.Count(o => o.Result.Ok && !o.AsPredicted);

    public long ClientBytesReceived => Outcomes.Sum(o => o.Result.BytesReceived);

    public long DirectorPackets => (DirectorAfter?.Packets ?? 0) - (DirectorBefore?.Packets ?? 0);

    public long DirectorBytes => (DirectorAfter?.Bytes ?? 0) - (DirectorBefore?.Bytes ?? 0);

    public long DirectorForwardedBytes => (DirectorAfter?.ForwardedBytes ?? 0) - (DirectorBefore?.ForwardedBytes ?? 0);

    public int AnsweredBy(LabReal real) => Outcomes.Count(o => o.Result.Ok && o.Answered == real);

    /// <summary>Requests the scheduler sent to <paramref name="real"/> that got no answer.</summary>
    public int LostAt(LabReal real) => Outcomes.Count(o => !o.Result.Ok && o.Predicted == real);
}
