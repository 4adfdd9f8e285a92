using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LiveSession.Testing;

/// <summary>A certificate like the one scripts/install.sh makes for the hub's Data Protection keys, as a PKCS#12 file without a password.</summary>
public static class DataProtectionCertificate
{
    public const string Setting = "LiveSession:DataProtectionCertificate";

    public static void Write(string pfxPath)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=LiveSession data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
        File.WriteAllBytes(pfxPath, certificate.Export(X509ContentType.Pfx));
    }
}
