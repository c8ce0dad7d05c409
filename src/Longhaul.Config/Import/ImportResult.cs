namespace Longhaul.Config.Import;

/// <summary>
/// What an importer made of an ipvsadm or keepalived configuration: the Longhaul YAML, and every item that did
/// not carry over exactly, each located as <c>file:line: what it was</c>. Nothing is dropped without a line here.
/// </summary>
/// <param name="Yaml">The director configuration, with <c># import:</c> comments where something needs a look.</param>
/// <param name="Unmapped">Items Longhaul cannot express (NAT, fwmark services, SMTP_CHECK...): not in the YAML, or in it only approximately.</param>
/// <param name="Warnings">Items imported with a different meaning the operator should confirm (DR imported as a tunnel...).</param>
/// <param name="ToDo">Settings the source does not hold and the YAML needs before it validates (the tunnel source address).</param>
public sealed record ImportResult(
    string Yaml,
    IReadOnlyList<string> Unmapped,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> ToDo)
{
    /// <summary>True when every item of the source was carried over (warnings and to-dos aside).</summary>
    public bool FullyMapped => Unmapped.Count == 0;
}
