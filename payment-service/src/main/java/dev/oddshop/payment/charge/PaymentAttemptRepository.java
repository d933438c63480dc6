package dev.oddshop.payment.charge;

import org.springframework.data.repository.Repository;

interface PaymentAttemptRepository extends Repository<PaymentAttempt, Long> {

    PaymentAttempt save(PaymentAttempt attempt);
}
