using System.Security.Cryptography;

namespace LiveSession.Transcription.Tests;

/// <summary>The committed test data is whole: every file tests/fixtures/SHA256SUMS names is there, byte for byte.</summary>
public sealed class FixtureTests
{
    [Fact]
    public void Every_fixture_file_is_in_the_repository_with_the_checksum_its_readme_records()
    {
        var sums = File.ReadAllLines(Path.Combine(TestData.Fixtures, "SHA256SUMS"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split("  ", 2))
            .ToList();
        Assert.Equal(12, sums.Count);
        var readme = File.ReadAllText(Path.Combine(TestData.Fixtures, "README.md"));
        foreach (var (expected, file) in sums.Select(s => (s[0], s[1])))
        {
            var path = Path.Combine(TestData.Fixtures, file);
            Assert.True(File.Exists(path), $"{file} is missing from tests/fixtures");
            using var stream = File.OpenRead(path);
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            // A Git LFS pointer or a line-ending conversion shows up here, by name.
            Assert.True(expected == actual, $"{file}: sha256 {actual}, expected {expected}");
            Assert.Contains(expected, readme);
        }
        // Everything the tests read is listed: the models, and the clips of both manifests.
        Assert.All(new[] { "tiny", "base", "small" }.Select(TestData.Model).Append(TestData.VadModel).Concat(TestData.SpeechClips.Select(c => c.Path)).Concat(TestData.TtsClips),
            path => Assert.Contains(Path.GetRelativePath(TestData.Fixtures, path).Replace('\\', '/'), sums.Select(s => s[1])));
    }
}
