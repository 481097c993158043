using ReelRights.Bench;

return args.FirstOrDefault() switch
{
    "ledger" => await LedgerBench.RunAsync(args[1..]),
    "fingerprint" => await FingerprintBench.RunAsync(args[1..]),
    "screening" => await ScreeningBench.RunAsync(args[1..]),
    "cases" => await CasesBench.RunAsync(args[1..]),
    "licensing" => await LicensingBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/ReelRights.Bench -c Release -- ledger [--postgres CONNECTION]");
    Console.Error.WriteLine("       dotnet run --project bench/ReelRights.Bench -c Release -- fingerprint [--corpus DIR] [--cli PATH_TO_reelrights.dll] [--threads N] [--scale-hours H] [--scale-budget-minutes M] [--skip-peers] [--skip-engine]");
    Console.Error.WriteLine("       dotnet run --project bench/ReelRights.Bench -c Release -- screening [--corpus DIR]");
    Console.Error.WriteLine("       dotnet run --project bench/ReelRights.Bench -c Release -- cases");
    Console.Error.WriteLine("       dotnet run --project bench/ReelRights.Bench -c Release -- licensing [--licenses N] [--hits N] [--checks N] [--results FILE]");
    return 2;
}
