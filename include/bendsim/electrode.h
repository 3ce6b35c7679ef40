// The cracked bottom electrode as a resistor: sheet resistance, the series
// resistance of the cell's current path, and the area an open crack cuts off.
#ifndef bendsim_electrode_h
#define bendsim_electrode_h

#include <vector>

namespace bendsim
{
  /**
   * The transparent bottom electrode of the cell and its cracks' contact
   * (doc/model.md, "Device coupling"). The lateral current flows across the
   * channel cracks (the cracks run along the bending axis, the current to the
   * contact strip along the bending direction: the worst orientation).
   */
  struct ElectrodeParameters
  {
    /** Sheet resistance of the intact film, Ohm/sq. Estimate: ITO on PET as
     *  used for perovskite cells, 15 Ohm/sq (commercial sheets 10-60). */
    double sheet_resistance = 15;
    /** Length of the current path in the electrode, from the cell's far
     *  edge to the contact strip, cm. Estimate: 0.3 cm, one side of the
     *  paper's 0.072 cm^2 aperture taken as 0.24 x 0.3 cm. */
    double path_length = 0.3;
    /**
     * Line resistance of one closed crack, Ohm cm (resistance times the
     * crack's length): its faces touch at asperities and conduct through
     * them. Fitted (doc/validation.md): 0.036 Ohm cm makes the QD device's
     * state after 100 cycles at 7.5 mm keep the measured 90 % on the mean of
     * five seeds (Hu et al.
     * 2021, Fig. 5b); it is the resistance of 24 µm of intact 15 Ohm/sq
     * film.
     */
    double crack_contact_resistance = 0.036;
    /** Flat-state gap (µm) at or below which a crack's faces touch and
     *  conduct through their contact; a wider gap cuts the current path.
     *  Estimate: 0.002 µm, the RMS roughness of sputtered ITO (1-3 nm). */
    double contact_gap = 0.002;
  };

  /** One channel crack through the electrode in the counted length. */
  struct ElectrodeCrack
  {
    double x   = 0; ///< position along the segment, µm
    double gap = 0; ///< smallest opening of its faces with the cell flat, µm
  };

  /** What the cracks make of the electrode. */
  struct ElectrodeState
  {
    unsigned int closed_cracks = 0; ///< in the counted length
    unsigned int open_cracks   = 0;
    /** Sheet resistance of the film between the contact and the first open
     *  crack, cracks included, Ohm/sq: R_sheet of the uniform film that
     *  dissipates the same power over that length. */
    double sheet_resistance = 0;
    /** Fraction of the cell still connected to the contact: the part
     *  between the contact and the first open crack. */
    double connected_fraction = 1;
    /** Series resistance of the connected part's electrode minus that of
     *  the intact electrode, Ohm cm^2 of the connected area. */
    double added_series_resistance = 0;
  };

  /**
   * The electrode of a cell of path length W under uniform generation,
   * contacted along one edge, as a resistor chain: the counted length's
   * crack map is repeated along the path (it is a sample of the pattern),
   * each closed crack a resistor r_c, the film between them R_sheet per
   * unit length, each open crack a cut. The series resistance is the one
   * that dissipates the chain's ohmic power at the cell's current,
   * R_s = (1/W_c) [R_sheet W_c^3/3 + r_c sum_k (W_c - x_k)^2] per unit
   * area, with W_c the connected length (to the first cut) and x_k the
   * closed cracks' distances from the contact; without cracks it is the
   * textbook R_sheet W^2/3. For cracks every L it tends to the closed form
   * (R_sheet + r_c/L) W^2/3 as L/W -> 0.
   *
   * @p cracks lie in a counted length of @p counted_length µm that starts
   * at @p counted_start µm.
   */
  ElectrodeState
  cracked_electrode(const ElectrodeParameters         &electrode,
                    const std::vector<ElectrodeCrack> &cracks,
                    double                             counted_start,
                    double                             counted_length);
} // namespace bendsim

#endif
