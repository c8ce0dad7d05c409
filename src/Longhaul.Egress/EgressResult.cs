namespace Longhaul.Egress;

/// <summary>The verdict for one target, the round-trip time of the VIP reply when there was one, and the evidence in words.</summary>
public sealed record EgressResult(EgressTarget Target, EgressVerdict Verdict, TimeSpan? RoundTrip, string Evidence, ProbeObservation Observation);
