Console.WriteLine("AddonGrains silo: coming");
