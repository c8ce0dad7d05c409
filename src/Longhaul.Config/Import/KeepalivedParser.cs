namespace Longhaul.Config.Import;

/// <summary>
/// Located words to statements: the words of one line form a statement, and a <c>{</c> (on the same line or
/// the next) opens its block. Braces must balance; an error names where the block opened.
/// </summary>
internal static class KeepalivedParser
{
    public static List<KeepalivedNode> Parse(List<KeepalivedToken> tokens, ImportNotes notes)
    {
        int index = 0;
        List<KeepalivedNode> top = ParseBlock(tokens, ref index, opener: null, notes);
        return top;
    }

    private static List<KeepalivedNode> ParseBlock(List<KeepalivedToken> tokens, ref int index, KeepalivedNode? opener, ImportNotes notes)
    {
        var nodes = new List<KeepalivedNode>();
        KeepalivedNode? current = null;
        while (index < tokens.Count)
        {
            KeepalivedToken token = tokens[index];
            if (token.IsClose)
            {
                index++;
                if (opener is not null)
                {
                    return nodes;
                }

                notes.AddError(token.File, token.Line, "}", "closes a block that was never opened");
                current = null;
                continue;
            }

            if (token.IsOpen)
            {
                index++;
                if (current is null || current.Children is not null)
                {
                    notes.AddError(token.File, token.Line, "{", "opens a block with no keyword before it");
                    current = new KeepalivedNode(token.File, token.Line, "{");
                }

                current.Children = ParseBlock(tokens, ref index, current, notes);
                current = null;
                continue;
            }

            if (current is not null && current.Children is null && current.File == token.File && current.Line == token.Line)
            {
                current.Words.Add(token.Text);
            }
            else
            {
                current = new KeepalivedNode(token.File, token.Line, token.Text);
                nodes.Add(current);
            }

            index++;
        }

        if (opener is not null)
        {
            notes.AddError(opener.File, opener.Line, opener.Keyword, "the block opened here is never closed with '}'");
        }

        return nodes;
    }
}
