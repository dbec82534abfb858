using System.Text;
using System.Text.Unicode;

namespace Heard.Web.Features.Import;

/// <summary>One CSV record: its fields, its text exactly as it was in the file, and where it started.</summary>
public sealed class CsvRecord
{
    public required string[] Fields { get; init; }
    public required string RawText { get; init; }
    /// <summary>Record number counting the header as 1; equal to the line number unless a quoted field spans lines.</summary>
    public long RowNumber { get; init; }
    /// <summary>Set when the record could not be read as CSV (e.g. an unclosed quote); the raw text is still kept.</summary>
    public string? Error { get; init; }
}

/// <summary>
/// Streams CSV records straight from bytes with bounded memory. Each field is decoded on its own as UTF-8 when it
/// is valid UTF-8 and as Windows-1252 otherwise, because exports from older trust systems mix the two. A leading
/// UTF-8 BOM is skipped and UTF-16 files are transcoded. Structural bytes (quote, delimiter, CR, LF) never occur
/// inside a multi-byte UTF-8 sequence, so splitting before decoding is safe.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    public const int MaxRecordBytes = 1 << 20;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private long _rowNumber;
    private long _consumed;
    // Field positions relative to the record's start, so they survive the buffer being compacted mid-record.
    private readonly List<(int Start, int End, bool Quoted)> _spans = [];

    public CsvRecordReader(Stream stream, byte delimiter = (byte)',')
    {
        _stream = OpenDecoded(stream);
        Delimiter = delimiter;
    }

    public byte Delimiter { get; set; }
    /// <summary>Bytes consumed so far, for progress.</summary>
    public long BytesConsumed => _consumed;

    private static Stream OpenDecoded(Stream stream)
    {
        var head = new byte[3];
        var n = 0;
        int r;
        while (n < 3 && (r = stream.Read(head, n, 3 - n)) > 0) n += r;
        if (n >= 2 && head[0] == 0xFF && head[1] == 0xFE)
            return Encoding.CreateTranscodingStream(new PrefixedStream(head.AsSpan(2, n - 2).ToArray(), stream), Encoding.Unicode, Encoding.UTF8);
        if (n >= 2 && head[0] == 0xFE && head[1] == 0xFF)
            return Encoding.CreateTranscodingStream(new PrefixedStream(head.AsSpan(2, n - 2).ToArray(), stream), Encoding.BigEndianUnicode, Encoding.UTF8);
        if (n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
            return stream;
        return new PrefixedStream(head.AsSpan(0, n).ToArray(), stream);
    }

    /// <summary>Reads the next record; false at the end of the file. Blank lines are skipped.</summary>
    public bool TryRead(out CsvRecord record)
    {
        while (true)
        {
            if (!TryReadRaw(out var recStart, out var recEnd, out var lineBreaks, out var error))
            {
                record = null!;
                return false;
            }
            _rowNumber++;
            var rowNumber = _rowNumber;
            _rowNumber += lineBreaks;
            if (error is null && recEnd == recStart)
                continue;
            var raw = Decode(_buffer.AsSpan(recStart, recEnd - recStart));
            string[] fields;
            if (error is null)
            {
                fields = new string[_spans.Count];
                for (var i = 0; i < _spans.Count; i++)
                    fields[i] = DecodeField(_spans[i], recStart);
            }
            else fields = [];
            record = new CsvRecord { Fields = fields, RawText = raw, RowNumber = rowNumber, Error = error };
            return true;
        }
    }

    private string DecodeField((int Start, int End, bool Quoted) span, int recordStart)
    {
        var bytes = _buffer.AsSpan(recordStart + span.Start, span.End - span.Start);
        if (!span.Quoted)
            return Decode(bytes).Trim();
        var text = Decode(bytes);
        return text.Contains("\"\"", StringComparison.Ordinal) ? text.Replace("\"\"", "\"") : text;
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Ascii.IsValid(bytes)) return Encoding.ASCII.GetString(bytes);
        if (Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        return Windows1252.GetString(bytes);
    }

    /// <summary>Finds the next record's bytes in the buffer, filling it as needed, and records its field spans.</summary>
    private bool TryReadRaw(out int recStart, out int recEnd, out int lineBreaks, out string? error)
    {
        error = null;
        lineBreaks = 0;
        while (true)
        {
            _spans.Clear();
            var i = _start;
            var fieldStart = i;
            var inQuotes = false;
            var quoted = false;
            var breaks = 0;
            while (true)
            {
                if (i >= _end)
                {
                    if (_eof)
                    {
                        if (_start >= _end) { recStart = recEnd = 0; return false; }
                        if (inQuotes) error = "a quoted field is never closed (check for a stray \" character)";
                        AddSpan(fieldStart, i, quoted);
                        recStart = _start;
                        recEnd = TrimCr(_start, i);
                        _consumed += i - _start;
                        _start = i;
                        lineBreaks = breaks;
                        return true;
                    }
                    var offset = i - _start;
                    var fs = fieldStart - _start;
                    if (!Fill())
                        continue;
                    i = _start + offset;
                    fieldStart = _start + fs;
                    if (i - _start > MaxRecordBytes)
                    {
                        SkipToLineEnd(ref i);
                        recStart = _start;
                        recEnd = Math.Min(i, _start + 4096);
                        _consumed += i - _start;
                        _start = Math.Min(i + 1, _end);
                        lineBreaks = 0;
                        error = $"the record is longer than {MaxRecordBytes / 1024} KB, so it cannot be a CSV row (is this a CSV file, or is a quote left open?)";
                        _spans.Clear();
                        return true;
                    }
                    continue;
                }
                var b = _buffer[i];
                if (inQuotes)
                {
                    if (b == (byte)'"')
                    {
                        if (i + 1 >= _end && !_eof) { var off = i - _start; var fso = fieldStart - _start; Fill(); i = _start + off; fieldStart = _start + fso; continue; }
                        if (i + 1 < _end && _buffer[i + 1] == (byte)'"') { i += 2; continue; }
                        inQuotes = false;
                        i++;
                        continue;
                    }
                    if (b == (byte)'\n') breaks++;
                    i++;
                    continue;
                }
                if (b == (byte)'"' && i == fieldStart && !quoted)
                {
                    quoted = true;
                    inQuotes = true;
                    fieldStart = i + 1;
                    i++;
                    continue;
                }
                if (b == Delimiter)
                {
                    AddSpan(fieldStart, i, quoted);
                    i++;
                    fieldStart = i;
                    quoted = false;
                    continue;
                }
                if (b == (byte)'\n')
                {
                    AddSpan(fieldStart, i, quoted);
                    recStart = _start;
                    recEnd = TrimCr(_start, i);
                    _consumed += i + 1 - _start;
                    _start = i + 1;
                    lineBreaks = breaks;
                    return true;
                }
                i++;
            }
        }
    }

    private void AddSpan(int start, int end, bool quoted)
    {
        if (quoted)
        {
            // The closing quote sits just before the delimiter; anything after it is kept as text.
            var close = end - 1;
            while (close >= start && _buffer[close] != (byte)'"') close--;
            if (close >= start) end = close;
            _spans.Add((start - _start, end - _start, true));
        }
        else
        {
            if (end > start && _buffer[end - 1] == (byte)'\r') end--;
            _spans.Add((start - _start, end - _start, false));
        }
    }

    private int TrimCr(int start, int end) => end > start && _buffer[end - 1] == (byte)'\r' ? end - 1 : end;

    private void SkipToLineEnd(ref int i)
    {
        while (true)
        {
            var idx = Array.IndexOf(_buffer, (byte)'\n', i, _end - i);
            if (idx >= 0) { i = idx; return; }
            i = _end;
            if (_eof) return;
            // Keep only the start of the over-long record so memory stays bounded.
            var keep = Math.Min(4096, _end - _start);
            _consumed += (_end - _start) - keep;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, keep);
            _end = keep;
            _start = 0;
            i = keep;
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) { _eof = true; i = _end; return; }
            _end += n;
        }
    }

    /// <summary>Moves unread bytes to the front, grows the buffer if a record needs it, and reads more.</summary>
    private bool Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxRecordBytes * 2 + 4096));
        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) { _eof = true; return true; }
        _end += n;
        return true;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Replays a few already-read bytes before the rest of a stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
    {
        private int _pos;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_pos < prefix.Length)
            {
                var n = Math.Min(count, prefix.Length - _pos);
                Array.Copy(prefix, _pos, buffer, offset, n);
                _pos += n;
                return n;
            }
            return inner.Read(buffer, offset, count);
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}

/// <summary>Windows-1252 without the code-pages provider: Latin-1 except for 0x80-0x9F.</summary>
public static class Windows1252
{
    private static readonly char[] High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    public static string GetString(ReadOnlySpan<byte> bytes)
    {
        return string.Create(bytes.Length, bytes.ToArray(), static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                var b = src[i];
                span[i] = b is >= 0x80 and <= 0x9F ? High[b - 0x80] : (char)b;
            }
        });
    }
}
