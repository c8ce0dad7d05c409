using Longhaul.Lab.Http;
using Longhaul.Lab.Topology;

namespace Longhaul.Lab;

/// <summary>One demo request: what came back and which real the scheduler says it should have reached.</summary>
public sealed record LabDemoOutcome(LabHttpResult Result, LabReal? Predicted, LabReal? Answered)
{
    /// <summary>True when the answer came from the predicted real (or nothing could be predicted).</summary>
    public bool AsPredicted => Predicted is null || Answered is null || Predicted == Answered;
}
