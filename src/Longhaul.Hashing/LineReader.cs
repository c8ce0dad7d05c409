using System.Buffers;

namespace Longhaul.Hashing;

/// <summary>
/// Splits a byte stream into lines without decoding it: LF ends a line, a CR before it is dropped, and a last
/// line without LF still counts. The buffer grows only for a line longer than itself, so memory is one
/// buffer however large the input is.
/// </summary>
public static class LineReader
{
    private const int InitialBufferSize = 1 << 16;

    /// <param name="copy">When not null, every byte read is also written here (to spool a pipe for a second pass).</param>
    public static void ReadLines(Stream input, INameSink sink, Stream? copy = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);

        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            int filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = input.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    break;
                }

                copy?.Write(buffer, filled, read);
                int searchFrom = filled;
                filled += read;

                int start = 0;
                int newline = buffer.AsSpan(searchFrom, filled - searchFrom).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    newline += searchFrom;
                }

                while (newline >= 0)
                {
                    Emit(sink, buffer.AsSpan(start, newline - start));
                    start = newline + 1;
                    newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                    if (newline >= 0)
                    {
                        newline += start;
                    }
                }

                // Keep the unfinished line at the front of the buffer for the next read.
                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }

            if (filled > 0)
            {
                Emit(sink, buffer.AsSpan(0, filled));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Emit(INameSink sink, ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        sink.Accept(line);
    }
}
