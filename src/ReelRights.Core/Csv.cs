using System.Text;

namespace ReelRights.Core;

/// <summary>
/// CSV as RFC 4180 has it: CRLF between records (a bare LF is read too), fields with a comma, quote
/// or line break quoted with quotes doubled. Written with a UTF-8 byte order mark, without which
/// Excel reads the file in the system code page and garbles the Chinese.
/// </summary>
public static class Csv
{
    /// <summary>
    /// One field. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
    /// CR) gets a leading apostrophe, as OWASP's "CSV injection" advice has it: a title or a note
    /// typed by anyone must not become a formula on a lawyer's or an accountant's machine.
    /// </summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Appends one record of text fields.</summary>
    public static void Line(StringBuilder csv, IEnumerable<string?> fields) =>
        csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");

    /// <summary>The text with a UTF-8 byte order mark, as a file to download.</summary>
    public static byte[] ToFile(StringBuilder csv) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv.ToString())];

    /// <summary>
    /// The records of a CSV text (a leading byte order mark skipped), each with its line number (of
    /// the record's first line, from 1). A quote left open, or text after a closing quote, is an
    /// error naming the line; empty lines are skipped.
    /// </summary>
    public static IReadOnlyList<(int Line, IReadOnlyList<string> Fields)> Read(string text)
    {
        var records = new List<(int, IReadOnlyList<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = text.StartsWith('\uFEFF') ? 1 : 0, line = 1, recordLine = 1;
        bool quoted = false, wasQuoted = false, any = false;
        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            wasQuoted = false;
        }
        void EndRecord()
        {
            EndField();
            if (fields.Count > 1 || fields[0].Length > 0 || any)
            {
                records.Add((recordLine, fields.ToList()));
            }
            fields.Clear();
            any = false;
        }
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                        wasQuoted = true;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    EndField();
                    any = true;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (wasQuoted)
                    {
                        throw ReelRightsException.Invalid("invalid-csv", $"CSV 第 {line} 行：引号后还有文字。", $"CSV line {line}: text after a closing quote.");
                    }
                    field.Append(c);
                    break;
            }
        }
        if (quoted)
        {
            throw ReelRightsException.Invalid("invalid-csv", $"CSV 第 {recordLine} 行：引号没有闭合。", $"CSV line {recordLine}: a quote is never closed.");
        }
        if (field.Length > 0 || fields.Count > 0 || any)
        {
            EndRecord();
        }
        return records;
    }
}
