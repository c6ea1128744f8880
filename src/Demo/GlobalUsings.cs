global using AddonGrains.GrainInterfaces;
global using AddonGrains.Grains.Configuration;
global using Microsoft.Extensions.Logging;
