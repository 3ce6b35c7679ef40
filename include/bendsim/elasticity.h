#ifndef bendsim_elasticity_h
#define bendsim_elasticity_h

#include <bendsim/material_library.h>
#include <deal.II/base/symmetric_tensor.h>

namespace bendsim
{
  /**
   * Isotropic linear elasticity with an isotropic eigenstrain, the
   * constitutive law of every layer: sigma = C : (eps - e I) =
   * lambda tr(eps) I + 2 mu eps - (3 lambda + 2 mu) e I (MPa), with e the
   * layer's eigenstrain (dimensionless, residual stress from processing; see
   * Layer::eigenstrain). In 2D the strain is that of plane strain
   * (eps_zz = 0), and the eigenstrain acts out of the plane too: a film held
   * at zero in-plane strain then carries the equibiaxial stress
   * -E/(1 - nu) e, as the plate it represents.
   */
  namespace elasticity
  {
    template <int dim>
    inline dealii::SymmetricTensor<2, dim>
    stress(const dealii::SymmetricTensor<2, dim> &strain,
           const Material                        &material,
           const double                           eigenstrain = 0.)
    {
      dealii::SymmetricTensor<2, dim> s =
        material.lame_lambda() * dealii::trace(strain) *
          dealii::unit_symmetric_tensor<dim>() +
        2. * material.shear_modulus() * strain;
      if (eigenstrain != 0.)
        s -= (3. * material.lame_lambda() + 2. * material.shear_modulus()) *
             eigenstrain * dealii::unit_symmetric_tensor<dim>();
      return s;
    }

    /**
     * The full 3D stress: in 2D with the out-of-plane stress of plane
     * strain, sigma_zz = lambda tr(eps) - (3 lambda + 2 mu) e.
     */
    template <int dim>
    inline dealii::SymmetricTensor<2, 3>
    stress_3d(const dealii::SymmetricTensor<2, dim> &strain,
              const Material                        &material,
              const double                           eigenstrain = 0.)
    {
      dealii::SymmetricTensor<2, 3> strain_3d;
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = i; j < dim; ++j)
          strain_3d[i][j] = strain[i][j];
      return stress(strain_3d, material, eigenstrain);
    }

    /** Von Mises equivalent stress of the full 3D stress state (stress_3d).
     */
    template <int dim>
    inline double
    von_mises_stress(const dealii::SymmetricTensor<2, dim> &strain,
                     const Material                        &material,
                     const double                           eigenstrain = 0.)
    {
      const dealii::SymmetricTensor<2, 3> deviator =
        dealii::deviator(stress_3d(strain, material, eigenstrain));
      return std::sqrt(1.5 * deviator * deviator);
    }
  } // namespace elasticity
} // namespace bendsim

#endif
