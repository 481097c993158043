namespace ReelRights.Fingerprinting;

/// <summary>
/// A fingerprint or index stream is not in a format this version reads: wrong magic, unsupported
/// version, truncated, or its checksum does not match. The message is "中文 / English".
/// </summary>
public sealed class FingerprintFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FingerprintFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">"中文 / English".</param>
    public FingerprintFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">"中文 / English".</param>
    /// <param name="innerException">The cause.</param>
    public FingerprintFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
