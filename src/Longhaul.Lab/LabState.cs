using Longhaul.Lab.Processes;

namespace Longhaul.Lab;

/// <summary>What /run/longhaul-lab/state.json holds: how the lab was built and what it started.</summary>
public sealed record LabState(LabOptions Options, DateTimeOffset Created, IReadOnlyList<LabProcess> Processes);
