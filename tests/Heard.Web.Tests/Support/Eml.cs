using System.Text;
using System.Text.RegularExpressions;

namespace Heard.Web.Tests.Support;

/// <summary>Reads the .eml files MailOutbox writes to its pickup folder.</summary>
public static class Eml
{
    /// <summary>One part of a multipart/alternative message, decoded from base64.</summary>
    public static string Part(string eml, string contentType)
    {
        var match = Regex.Match(eml, $@"Content-Type: {Regex.Escape(contentType)}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n(?<body>[A-Za-z0-9+/=\r\n]+?)\r\n--");
        Assert.True(match.Success, $"no {contentType} part");
        return Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups["body"].Value.Replace("\r\n", "")));
    }
}
