namespace CniBot;

internal static class CharClasses
{
    /// <summary>CJK unified ideographs (basic block, extension A, compatibility) and 〇.</summary>
    public static bool IsHan(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF') or '\u3007';

    /// <summary>A letter or digit of any script but Han: the stuff of English words and technical tokens.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !IsHan(c);

    /// <summary>Characters that join the parts of a technical token: kube-proxy, v1.16.7, qos.projectcalico.org/egressBandwidth, node_nf_conntrack_entries.</summary>
    public static bool IsConnector(char c) => c is '-' or '.' or '_' or '/';

    /// <summary>
    /// Full-width ASCII (ＭＴＵ １４２０) and the ideographic space, as typed by Chinese input methods, folded to
    /// their ASCII forms. One char maps to one char, so token offsets stay valid for highlighting.
    /// </summary>
    public static char FoldWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };
}
