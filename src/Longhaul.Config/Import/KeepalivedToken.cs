namespace Longhaul.Config.Import;

/// <summary>One word of a keepalived file, located; <see cref="Quoted"/> words are never braces or comments.</summary>
internal readonly record struct KeepalivedToken(string File, int Line, string Text, bool Quoted)
{
    public bool IsOpen => !Quoted && Text == "{";

    public bool IsClose => !Quoted && Text == "}";
}
