// Checkpoint files: written and read back whole; damaged ones refused.
#include <bendsim/checkpoint.h>
#include <bendsim/input_error.h>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using bendsim::Checkpoint;

namespace
{
  /** A small checkpoint of a run stopped before cycle 13 (1, 2, then a
   *  jump of 10 to 12, then one of 1). */
  Checkpoint
  example()
  {
    Checkpoint c;
    c.dimension   = 2;
    c.fingerprint = {{"Stack", 1}, {"Material library", 2}};
    c.next_cycle  = 13;
    c.jump        = 1;
    c.steps       = {{1, 1, 1.}, {2, 1, 0.99}, {12, 10, 0.9}};
    c.first_crack.resize(2);
    c.pvd_records = {{1., "solution_0001.pvtu"}};
    Checkpoint::CellValues cell;
    cell.center = {{1., 2., 0.}};
    cell.values = {0.1, -0.2, 0.3};
    c.cells     = {cell};
    Checkpoint::FaceState face;
    face.center              = {{1.5, 2., 0.}};
    face.active              = true;
    face.fatigue_damage      = 0.25;
    face.damage              = {{0.5, 0.4}, {0.6, 0.5}};
    face.dissipated_fraction = {0.3, 0.35};
    c.faces                  = {face};
    return c;
  }

  std::string
  contents(const std::string &filename)
  {
    std::ifstream      in(filename, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  void
  overwrite(const std::string &filename, const std::string &bytes)
  {
    std::ofstream(filename, std::ios::binary) << bytes;
  }

  /** The message of the InputError that reading @p filename throws. */
  std::string
  refusal(const std::string &filename)
  {
    try
      {
        Checkpoint::read(filename);
      }
    catch (const bendsim::InputError &e)
      {
        return e.what();
      }
    return "accepted";
  }

  const std::string filename = "test_checkpoint.bin";
} // namespace

TEST(Checkpoint, ReadsBackWhatItWrote)
{
  const Checkpoint written = example();
  written.write(filename);
  const Checkpoint read = Checkpoint::read(filename);
  EXPECT_EQ(read.fingerprint, written.fingerprint);
  EXPECT_EQ(read.next_cycle, 13u);
  ASSERT_EQ(read.steps.size(), 3u);
  EXPECT_EQ(read.steps[2].cycle, 12u);
  ASSERT_EQ(read.faces.size(), 1u);
  EXPECT_EQ(read.faces[0].damage, written.faces[0].damage);
  EXPECT_EQ(read.cells[0].values, written.cells[0].values);
  std::remove(filename.c_str());
}

TEST(Checkpoint, RefusesEveryFlippedByte)
{
  example().write(filename);
  const std::string intact = contents(filename);
  for (std::size_t i = 0; i < intact.size(); ++i)
    {
      std::string damaged = intact;
      damaged[i] ^= '\x10';
      overwrite(filename, damaged);
      EXPECT_NE(refusal(filename), "accepted") << "byte " << i;
    }
  std::remove(filename.c_str());
}

TEST(Checkpoint, RefusesFieldsOutOfRange)
{
  const auto refused_with = [](Checkpoint c) {
    c.write(filename);
    const std::string message = refusal(filename);
    std::remove(filename.c_str());
    return message;
  };
  Checkpoint c = example();
  EXPECT_EQ(refused_with(c), "accepted");

  c            = example();
  c.next_cycle = 4000000000u;
  EXPECT_NE(refused_with(c).find("the next cycle = 4000000000 is outside"),
            std::string::npos);
  c            = example();
  c.next_cycle = 14; // not 12 + 1
  EXPECT_NE(refused_with(c).find("the next cycle = 14"), std::string::npos);
  c                = example();
  c.steps[1].cycle = 3; // not 1 + 1
  EXPECT_NE(refused_with(c).find("solved cycle 2 = 3"), std::string::npos);
  c                          = example();
  c.faces[0].damage[1].first = 1.5;
  EXPECT_NE(refused_with(c).find("a face's damage = 1.5 is outside [0, 1]"),
            std::string::npos);
  c                         = example();
  c.faces[0].fatigue_damage = -0.1;
  EXPECT_NE(refused_with(c).find("fatigue damage"), std::string::npos);
  c                    = example();
  c.cells[0].values[1] = std::nan("");
  EXPECT_NE(refused_with(c).find("a displacement = nan"), std::string::npos);
}

TEST(Checkpoint, RefusesAnotherFormatAndATruncatedFile)
{
  example().write(filename);
  std::string bytes = contents(filename);
  overwrite(filename, bytes.substr(0, bytes.size() - 10));
  EXPECT_NE(refusal(filename).find("incomplete"), std::string::npos);
  bytes[bytes.find('\n') - 1] = '3';
  overwrite(filename, bytes);
  EXPECT_NE(refusal(filename).find("another format (bendsim checkpoint 3)"),
            std::string::npos);
  std::remove(filename.c_str());
}
