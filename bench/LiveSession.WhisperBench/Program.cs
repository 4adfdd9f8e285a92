using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveSession.WhisperBench;

// rtf: real-time factor of whisper.cpp through the project's binding, per model and thread count.
//   dotnet run -c Release --project bench/LiveSession.WhisperBench -- rtf [--models tiny,base,small] [--threads 1,2] [--clips 3] [--write]
// wer: word and character error rates of a real model over a manifest (file, seconds, reference_text).
//   dotnet run -c Release --project bench/LiveSession.WhisperBench -- wer --model PATH [--manifest ../shared/testdata/vi-speech/manifest.tsv]
// latency: live captions end to end (microphone client → host → worker → hall-screen client), first partial and final.
//   dotnet run -c Release --project bench/LiveSession.WhisperBench -- latency [--models tiny,base,small] [--threads 2] [--utterances 8] [--write]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = Encoding.UTF8;
var options = Arguments.Parse(args.Skip(1));
var root = Arguments.RepositoryRoot();
var shared = options.GetValueOrDefault("shared") ?? Path.GetFullPath(Path.Combine(root, "..", "shared"));
switch (args.FirstOrDefault())
{
    case "rtf":
        return RealTimeFactor.Run(shared, root, options);
    case "wer":
        return ErrorRates.Run(shared, options);
    case "latency":
        return await CaptionLatency.RunAsync(shared, root, options);
    default:
        Console.Error.WriteLine("usage: rtf [--models tiny,base,small] [--threads 1,2] [--clips N] [--write] | wer --model PATH [--manifest FILE] | latency [--models tiny,base,small] [--threads 2] [--utterances 8] [--write]");
        return 2;
}
