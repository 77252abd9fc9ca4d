import type { Pool } from 'pg';
import { ATTRIBUTE_LIMITS, type AttributeValue, type Attributes } from '../contracts/customer-attributes';
import { writeCustomerAttributes } from '../stores/customer-attributes';
import type { AttributeCatalog } from './attribute-catalog';
import { ServiceError } from './errors';

export interface CustomerAttributes {
  customerId: string;
  attributes: Attributes;
  updatedAt: string;
}

/**
 * Writes customers' profile attributes, typed by the attribute catalog: PUT replaces the whole set, PATCH merges
 * (null removes one). Unknown customer: 404; an erased one takes no attributes again (409).
 */
export class CustomerProfiles {
  constructor(
    private readonly pool: Pool,
    private readonly catalog: AttributeCatalog,
  ) {}

  async replace(customerId: string, attributes: Attributes): Promise<CustomerAttributes> {
    await this.catalog.check(attributes, { nullRemoves: false });
    return this.write(customerId, () => attributes);
  }

  async merge(
    customerId: string,
    changes: Record<string, AttributeValue | null>,
  ): Promise<CustomerAttributes> {
    await this.catalog.check(changes, { nullRemoves: true });
    return this.write(customerId, (current) => {
      const next: Attributes = { ...current };
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) delete next[name];
        else next[name] = value;
      }
      return next;
    });
  }

  private async write(
    customerId: string,
    next: (current: Attributes) => Attributes,
  ): Promise<CustomerAttributes> {
    const written = await writeCustomerAttributes(this.pool, customerId, (current) => {
      const attributes = next(current);
      const count = Object.keys(attributes).length;
      if (count > ATTRIBUTE_LIMITS.perCustomer) {
        throw new ServiceError(
          'unprocessable',
          'TOO_MANY_ATTRIBUTES',
          `A customer holds at most ${ATTRIBUTE_LIMITS.perCustomer} attributes; this would make ${count}.`,
          [
            {
              path: ['body', 'attributes'],
              message: `at most ${ATTRIBUTE_LIMITS.perCustomer}`,
              code: 'too_big',
            },
          ],
        );
      }
      return attributes;
    });
    switch (written.outcome) {
      case 'not-found':
        throw new ServiceError('not-found', 'CUSTOMER_NOT_FOUND', `No customer ${customerId}.`);
      case 'erased':
        throw new ServiceError(
          'conflict',
          'CUSTOMER_ERASED',
          `Customer ${customerId}'s personal data was erased; the profile takes no attributes.`,
        );
      case 'written':
        return { customerId, attributes: written.attributes, updatedAt: written.updatedAt };
    }
  }
}
