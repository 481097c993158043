using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ReelRights.Ledger.Timestamps;

/// <summary>
/// Encodes the SigningCertificateV2 signed attribute that binds a time-stamp token to the TSA
/// certificate (RFC 3161 §2.4.1 requires the binding; RFC 5816 §2.2.1 allows the SHA-256 v2
/// form of RFC 5035 §3). .NET's Rfc3161TimestampToken refuses tokens without it.
/// </summary>
internal static class SigningCertificateV2
{
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }
    // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT id-sha256, certHash OCTET STRING,
    //                            issuerSerial IssuerSerial OPTIONAL }
    // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
    public static AsnEncodedData Create(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    // hashAlgorithm is omitted: DER forbids encoding a DEFAULT value (X.690 §11.5).
                    writer.WriteOctetString(SHA256.HashData(certificate.RawData));
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence())
                        {
                            // GeneralName directoryName [4] EXPLICIT Name.
                            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                            {
                                writer.WriteEncodedValue(certificate.IssuerName.RawData);
                            }
                        }

                        writer.WriteInteger(certificate.SerialNumberBytes.Span);
                    }
                }
            }
        }

        return new AsnEncodedData(TimestampOids.SigningCertificateV2, writer.Encode());
    }
}
