namespace ReelRights.Core.Certificates;

/// <summary>One right in the chain of title as a certificate states it; the term is already worded by the caller.</summary>
public sealed record CertificateRight(string RightZh, string RightEn, string Holder, string Territory, string Term);
