namespace ReelRights.Fingerprinting.Format;

/// <summary>The bilingual messages of <see cref="FingerprintFormatException"/>.</summary>
internal static class FormatErrors
{
    public static FingerprintFormatException NotFingerprint(string what) =>
        new($"不是{(what == "RRIX" ? "指纹索引" : "指纹文件")}（文件头不符） / not a {(what == "RRIX" ? "fingerprint index" : "fingerprint file")} (bad magic)");

    public static FingerprintFormatException Version(int found, int supported) =>
        new($"不支持的指纹格式版本 {found}（本程序读取版本 {supported}） / unsupported fingerprint format version {found} (this build reads version {supported})");

    public static FingerprintFormatException Checksum() =>
        new("指纹文件校验失败（已损坏或被修改） / fingerprint checksum mismatch (corrupted or altered)");

    public static FingerprintFormatException Truncated() =>
        new("指纹文件不完整 / fingerprint data is truncated");

    public static FingerprintFormatException TooLarge() =>
        new("指纹文件过大 / fingerprint data is too large");

    public static FingerprintFormatException Invalid(string detail) =>
        new($"指纹文件内容无效：{detail} / invalid fingerprint data: {detail}");
}
